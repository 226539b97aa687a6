package io.signet.certworker;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Topics cert-worker creates when they are missing.
 *
 * @param partitions partitions of signet.cert.requested, signet.cert.issued and signet.cert.status (as the launcher
 *     creates them; an existing topic with fewer partitions would be widened); at least the
 *     listener concurrency, so every consumer thread gets work
 */
@Validated
@ConfigurationProperties("signet.certworker.kafka")
public record KafkaTopicsProperties(
        @DefaultValue("3") @Min(1) int partitions) {}
