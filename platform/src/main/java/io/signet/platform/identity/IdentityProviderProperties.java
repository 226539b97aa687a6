package io.signet.platform.identity;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code signet.idp}: the signers' ID provider, the same for every service that accepts its tokens (gateway, cert-worker's
 * certificate API, audit).
 *
 * @param jwksUrl the ID provider's JWKS endpoint (production); fetched and cached, refreshed on unknown key ids
 * @param jwksFile a JWKS file (development); used when no URL is set
 * @param issuer expected {@code iss}
 * @param audience expected {@code aud} (one of the token's audiences must match)
 * @param clockSkew tolerance for {@code exp} and {@code nbf}
 * @param algorithms accepted JWS algorithms; HMAC and {@code none} are never accepted whatever is configured
 * @param rolesClaim the claim that lists a signer's roles (a JSON array, or a space-separated string)
 */
@ConfigurationProperties("signet.idp")
public record IdentityProviderProperties(
        URI jwksUrl,
        Path jwksFile,
        String issuer,
        String audience,
        @DefaultValue("30s") Duration clockSkew,

        @DefaultValue({"ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512"})
        List<String> algorithms,

        @DefaultValue("roles") String rolesClaim) {

    /** Blank means unset: the services' YAML maps every key to an environment variable with an empty default. */
    public IdentityProviderProperties {
        issuer = blankToNull(issuer);
        audience = blankToNull(audience);
        if (jwksUrl != null && jwksUrl.toString().isBlank()) {
            jwksUrl = null;
        }
        if (jwksFile != null && jwksFile.toString().isBlank()) {
            jwksFile = null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Whether enough is configured to verify tokens. */
    public boolean configured() {
        return issuer != null && audience != null && (jwksUrl != null || jwksFile != null);
    }

    /** These properties with blanks filled from {@code fallback} (the development ID provider). */
    public IdentityProviderProperties orElse(Path fallbackJwksFile, String fallbackIssuer, String fallbackAudience) {
        boolean noKeys = jwksUrl == null && jwksFile == null;
        return new IdentityProviderProperties(
                jwksUrl,
                noKeys ? fallbackJwksFile : jwksFile,
                issuer != null ? issuer : fallbackIssuer,
                audience != null ? audience : fallbackAudience,
                clockSkew,
                algorithms,
                rolesClaim);
    }
}
