package io.signet.notifier.delivery;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How callbacks are delivered ({@code signet.notifier.delivery}).
 *
 * @param schedule delay before each attempt, the first usually zero; after the last one fails the delivery is
 *     dead-lettered. Tests compress it.
 * @param jitter random spread applied to each delay, as a fraction (0.2 = ±20 %), so that retries of many
 *     deliveries that failed together do not hit the receiver together again
 * @param timeout limit for connecting and for receiving the answer's headers
 * @param maxRetryAfter upper bound for a receiver's {@code Retry-After}
 * @param maxConcurrencyPerHost requests in flight to one destination host at most, so a slow receiver cannot take
 *     every slot
 * @param pollInterval how often due deliveries are looked for when nothing wakes the dispatcher
 * @param batchSize deliveries claimed per database round trip
 * @param lease how long a claimed delivery stays invisible to other instances; longer than {@code timeout}
 * @param busyHostDelay how long a delivery waits in the database when its host has no free slot and no room in its
 *     in-memory queue
 * @param maxQueuedPerHost claimed deliveries that wait in memory for a slot of their host at most; more go back to
 *     the database
 */
@Validated
@ConfigurationProperties("signet.notifier.delivery")
public record DeliveryProperties(
        @DefaultValue({"0s", "5s", "5m", "30m", "2h", "5h", "10h", "10h"}) @NotEmpty
        List<Duration> schedule,

        @DefaultValue("0.2") @DecimalMin("0") @DecimalMax("0.5")
        double jitter,

        @DefaultValue("10s") Duration timeout,
        @DefaultValue("24h") Duration maxRetryAfter,
        @DefaultValue("32") @Positive int maxConcurrencyPerHost,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("256") @Positive int batchSize,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("200ms") Duration busyHostDelay,
        @DefaultValue("2000") @Positive int maxQueuedPerHost) {

    public DeliveryProperties {
        if (lease.compareTo(timeout.multipliedBy(2)) < 0) {
            // A lease shorter than an attempt would let a second instance claim a delivery that is still in flight.
            throw new IllegalArgumentException("signet.notifier.delivery.lease must be at least twice the timeout");
        }
    }

    /**
     * Whether the first attempt is due at once (the usual schedule): the instance that stores a result then makes
     * it, without the dispatcher having to find the delivery in the database first.
     */
    public boolean firstAttemptImmediate() {
        return schedule.getFirst().isZero();
    }
}
