package io.signet.gateway.auth;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code signet.gateway.auth}: how signer tokens are verified.
 *
 * @param jwksUrl the ID provider's JWKS endpoint (production); fetched and cached, refreshed on unknown key ids
 * @param jwksFile a JWKS file (development); used when no URL is set
 * @param issuer expected {@code iss}
 * @param audience expected {@code aud} (one of the token's audiences must match)
 * @param clockSkew tolerance for {@code exp} and {@code nbf}
 * @param algorithms accepted JWS algorithms; HMAC and {@code none} are never accepted whatever is configured
 */
@ConfigurationProperties("signet.gateway.auth")
public record AuthProperties(
        URI jwksUrl,
        Path jwksFile,
        String issuer,
        String audience,
        @DefaultValue("30s") Duration clockSkew,

        @DefaultValue({"ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512"})
        List<String> algorithms) {}
