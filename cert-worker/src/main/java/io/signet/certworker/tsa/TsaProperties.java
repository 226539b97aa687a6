package io.signet.certworker.tsa;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The time-stamping authority.
 *
 * @param policyOid the TSA policy written into every token and the only one a request may ask for; the default is
 *     ETSI EN 319 421 best-practices time-stamp policy
 * @param accuracy the accuracy stated in every token
 * @param maxDrift largest tolerated difference between the local clock and the time reference
 * @param sampleInterval how often the clock is compared with the reference
 * @param maxSampleAge a comparison older than this no longer counts (the reference went away)
 */
@Validated
@ConfigurationProperties("signet.certworker.tsa")
public record TsaProperties(
        @DefaultValue("0.4.0.2023.1.1") @NotBlank String policyOid,
        @DefaultValue("1s") @NotNull Duration accuracy,
        @DefaultValue("1s") @NotNull Duration maxDrift,
        @DefaultValue("2s") @NotNull Duration sampleInterval,
        @DefaultValue("10s") @NotNull Duration maxSampleAge) {}
