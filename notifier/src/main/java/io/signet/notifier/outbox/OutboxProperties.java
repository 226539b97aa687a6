package io.signet.notifier.outbox;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Relay of the notifier's outbox to Kafka ({@code signet.notifier.outbox}).
 *
 * @param pollInterval how often the outbox is looked at for rows not relayed right after their commit (a crash, Kafka
 *     away)
 * @param batchSize rows published per transaction
 * @param sendTimeout how long to wait for the broker's acknowledgement of a batch before trying again later
 */
@Validated
@ConfigurationProperties("signet.notifier.outbox")
public record OutboxProperties(
        @DefaultValue("10s") Duration pollInterval,
        @DefaultValue("100") @Positive int batchSize,
        @DefaultValue("30s") Duration sendTimeout) {}
