package io.signet.platform.identity;

import io.signet.schemas.SignerClaims;
import java.util.Set;

/**
 * Who a verified ID provider token names.
 *
 * @param claims the identity claims (subject, names, address… for the one-time certificate)
 * @param roles the roles the ID provider gives the signer (from the configured roles claim), e.g. {@code auditor}
 */
public record VerifiedSigner(SignerClaims claims, Set<String> roles) {

    public VerifiedSigner {
        roles = Set.copyOf(roles);
    }

    public String subject() {
        return claims.subject();
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
