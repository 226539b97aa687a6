package io.signet.certworker.scd;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code signet.certworker.auth}: what the certificate API asks of a signer beyond a valid ID provider token (which
 * {@code signet.idp.*} configures, as for every service).
 *
 * @param adminRole the role (in {@code signet.idp.roles-claim}) that may manage every signer's certificates
 */
@Validated
@ConfigurationProperties("signet.certworker.auth")
public record AuthProperties(
        @DefaultValue("signet-admin") @NotBlank String adminRole) {}
