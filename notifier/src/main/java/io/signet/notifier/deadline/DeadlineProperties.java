package io.signet.notifier.deadline;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The deadline sweep ({@code signet.notifier.deadline}).
 *
 * @param sweepInterval pause between sweeps; a request ends EXPIRED at most this long after its deadline
 * @param batchSize requests expired per transaction at most
 */
@Validated
@ConfigurationProperties("signet.notifier.deadline")
public record DeadlineProperties(
        @DefaultValue("1s") Duration sweepInterval,
        @DefaultValue("500") @Positive int batchSize) {}
