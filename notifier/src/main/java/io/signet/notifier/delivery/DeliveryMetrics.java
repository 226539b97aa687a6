package io.signet.notifier.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Micrometer meters of callback delivery: deliveries by final outcome, attempts by outcome, latency from the stored
 * result to the acknowledged callback, attempt duration, and backlog per destination host. Thread-safe.
 */
public final class DeliveryMetrics {

    private final Map<DeliveryStatus, Counter> deliveries = new EnumMap<>(DeliveryStatus.class);
    private final Map<AttemptOutcome, Counter> attempts = new EnumMap<>(AttemptOutcome.class);
    private final Timer latency;
    private final Timer attemptDuration;
    private final MultiGauge backlog;

    public DeliveryMetrics(MeterRegistry registry) {
        for (DeliveryStatus status : DeliveryStatus.values()) {
            if (status != DeliveryStatus.PENDING) {
                deliveries.put(
                        status,
                        Counter.builder("signet.notifier.deliveries")
                                .description("Callback deliveries that ended, by outcome")
                                .tag("outcome", status.name().toLowerCase())
                                .register(registry));
            }
        }
        for (AttemptOutcome outcome : AttemptOutcome.values()) {
            attempts.put(
                    outcome,
                    Counter.builder("signet.notifier.delivery.attempts")
                            .description("Callback delivery attempts, by outcome")
                            .tag("outcome", outcome.name().toLowerCase())
                            .register(registry));
        }
        latency = Timer.builder("signet.notifier.delivery.latency")
                .description("Time from the stored result to the acknowledged callback")
                .publishPercentileHistogram()
                .register(registry);
        attemptDuration = Timer.builder("signet.notifier.delivery.attempt.duration")
                .description("Duration of one callback request")
                .publishPercentileHistogram()
                .register(registry);
        backlog = MultiGauge.builder("signet.notifier.delivery.backlog")
                .description("Pending callback deliveries per destination host")
                .register(registry);
    }

    void attempt(AttemptOutcome outcome, long durationMillis) {
        attempts.get(outcome).increment();
        attemptDuration.record(Duration.ofMillis(durationMillis));
    }

    void ended(DeliveryStatus status) {
        deliveries.get(status).increment();
    }

    void delivered(Duration sinceResult) {
        latency.record(sinceResult);
    }

    /** Replaces the backlog gauges with the current counts (hosts without backlog disappear). */
    void backlog(Map<String, Long> byHost) {
        backlog.register(
                byHost.entrySet().stream()
                        .map(entry -> MultiGauge.Row.of(Tags.of("host", entry.getKey()), entry.getValue()))
                        .collect(Collectors.toList()),
                true);
    }
}
