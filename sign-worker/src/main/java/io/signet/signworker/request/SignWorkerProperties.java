package io.signet.signworker.request;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How sign requests are consumed.
 *
 * @param concurrency listener threads (each with its own consumer and transactional producer); partitions beyond
 *     this number are shared
 * @param parallelism sign requests of one polled batch worked on at the same time (they mostly wait for
 *     cert-worker and the TSA, so this is well above the core count)
 * @param hsmAttempts how often a retryable HSM failure (busy, session lost, device error) is tried before the
 *     request fails with HSM_UNAVAILABLE
 * @param shutdownTimeout how long a stopping worker waits for the batch in hand to finish
 * @param topicPartitions partitions of {@code signet.key.destroyed} when sign-worker creates it (as the other services
 *     create theirs, 3 by default: see the README's configuration)
 */
@Validated
@ConfigurationProperties("signet.signworker")
public record SignWorkerProperties(
        @Min(1) @DefaultValue("2") int concurrency,
        @Min(1) @DefaultValue("256") int parallelism,
        @Min(1) @DefaultValue("3") int hsmAttempts,
        @DefaultValue("20s") Duration shutdownTimeout,
        @Min(1) @DefaultValue("3") int topicPartitions) {}
