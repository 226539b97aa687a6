package io.signet.certworker.scd;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.File;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/**
 * Verifies the ID provider JWT of {@code X-GovStack-AuthenticationToken}: signature against the JWKS with an
 * asymmetric algorithm from the allow-list (so {@code alg: none} and HMAC with the public key as secret fail),
 * issuer, audience, expiry and not-before. Thread-safe.
 */
public final class SignerAuthenticator {

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final AuthProperties properties;
    private final boolean configured;

    public SignerAuthenticator(AuthProperties properties) {
        this.properties = properties;
        JWKSource<SecurityContext> source = source(properties);
        // Without a JWKS nobody can be authenticated: every /v1/cert call answers 401 rather than the app not starting.
        this.configured = source != null;
        Set<JWSAlgorithm> algorithms = properties.algorithms().stream()
                .map(JWSAlgorithm::parse)
                .filter(a -> !JWSAlgorithm.Family.HMAC_SHA.contains(a))
                .collect(Collectors.toSet());
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                algorithms, source == null ? (selector, context) -> List.of() : source));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                properties.audience(),
                new JWTClaimsSet.Builder().issuer(properties.issuer()).build(),
                Set.of("sub", "exp")));
    }

    /** @throws ApiException 401 for a missing or invalid token (the reason is not revealed) */
    public Signer authenticate(String token) {
        if (!configured || token == null || token.isBlank()) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "ID provider token required");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token.strip(), null);
        } catch (Exception e) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "ID provider token is not valid");
        }
        return signer(claims);
    }

    private Signer signer(JWTClaimsSet claims) {
        try {
            Map<String, Object> address = claims.getJSONObjectClaim("address");
            List<String> roles = claims.getStringListClaim(properties.rolesClaim());
            List<String> nationalities = claims.getStringListClaim("nationalities");
            String birthdate = claims.getStringClaim("birthdate");
            return new Signer(
                    claims.getSubject(),
                    roles != null && roles.contains(properties.adminRole()),
                    claims.getStringClaim("name"),
                    claims.getStringClaim("given_name"),
                    claims.getStringClaim("family_name"),
                    text(address, "country"),
                    text(address, "postal_code"),
                    text(address, "street_address"),
                    text(address, "locality"),
                    birthdate == null ? null : LocalDate.parse(birthdate),
                    placeOfBirth(claims.getClaim("place_of_birth")),
                    nationalities == null ? List.of() : nationalities);
        } catch (java.text.ParseException | DateTimeParseException | ClassCastException e) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "ID provider token has malformed claims");
        }
    }

    private static String placeOfBirth(Object claim) {
        if (claim instanceof String text) {
            return text;
        }
        if (claim instanceof Map<?, ?> map) {
            String joined = java.util.stream.Stream.of(map.get("locality"), map.get("region"), map.get("country"))
                    .filter(v -> v instanceof String s && !s.isBlank())
                    .map(Object::toString)
                    .collect(Collectors.joining(", "));
            return joined.isEmpty() ? null : joined;
        }
        return null;
    }

    private static String text(Map<String, Object> object, String key) {
        return object != null && object.get(key) instanceof String value ? value : null;
    }

    private static JWKSource<SecurityContext> source(AuthProperties properties) {
        try {
            if (properties.jwksFile() != null && !properties.jwksFile().isBlank()) {
                return new ImmutableJWKSet<>(JWKSet.load(new File(properties.jwksFile())));
            }
            if (properties.jwksUri() != null && !properties.jwksUri().isBlank()) {
                return JWKSourceBuilder.create(URI.create(properties.jwksUri()).toURL())
                        .build();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the ID provider's JWKS: " + e.getMessage(), e);
        }
        return null;
    }
}
