package io.signet.certworker.scd;

import io.signet.platform.identity.InvalidSignerTokenException;
import io.signet.platform.identity.SignerTokenVerifier;
import io.signet.platform.identity.VerifiedSigner;
import io.signet.schemas.SignerClaims;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * The signer behind {@code X-GovStack-AuthenticationToken}, verified by the shared {@link SignerTokenVerifier}
 * (signature with an allowed asymmetric algorithm, issuer, audience, expiry), and whether they hold the admin role.
 * Without an ID provider configured every call is refused. Thread-safe.
 */
public final class SignerAuthenticator {

    private final Optional<SignerTokenVerifier> tokens;
    private final String adminRole;

    public SignerAuthenticator(Optional<SignerTokenVerifier> tokens, String adminRole) {
        this.tokens = tokens;
        this.adminRole = adminRole;
    }

    /** @throws ApiException 401 for a missing or invalid token (naming the failed check, never echoing the token) */
    public Signer authenticate(String token) {
        if (tokens.isEmpty() || token == null || token.isBlank()) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "ID provider token required");
        }
        VerifiedSigner verified;
        try {
            verified = tokens.get().verify(token);
        } catch (InvalidSignerTokenException e) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, e.getMessage());
        }
        SignerClaims claims = verified.claims();
        return new Signer(
                claims.subject(),
                verified.hasRole(adminRole),
                claims.name(),
                claims.givenName(),
                claims.familyName(),
                claims.country(),
                claims.postalCode(),
                claims.streetAddress(),
                claims.locality(),
                claims.birthdate(),
                claims.placeOfBirth(),
                claims.nationalities() == null ? List.of() : claims.nationalities());
    }
}
