package io.signet.certworker.scd;

import jakarta.validation.constraints.NotBlank;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How signers' ID provider tokens are verified.
 *
 * @param jwksUri the ID provider's JWKS URL (one of jwksUri and jwksFile is needed)
 * @param jwksFile a local JWKS file, for the embedded stack and tests
 * @param issuer the required {@code iss}
 * @param audience the required {@code aud}
 * @param rolesClaim the claim holding the caller's roles (a string array)
 * @param adminRole the role that may change any certificate's status
 * @param algorithms accepted JWS algorithms; asymmetric only (HMAC and none are never accepted)
 */
@Validated
@ConfigurationProperties("signet.certworker.auth")
public record AuthProperties(
        String jwksUri,
        String jwksFile,
        @DefaultValue("https://id.signet.local") @NotBlank String issuer,
        @DefaultValue("signet") @NotBlank String audience,
        @DefaultValue("roles") @NotBlank String rolesClaim,
        @DefaultValue("signet-admin") @NotBlank String adminRole,

        @DefaultValue({"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"})
        List<String> algorithms) {}
