package io.signet.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.logging.LogbackMetrics;
import io.signet.launcher.logging.LogEventCounts;
import java.util.List;
import java.util.Locale;

/**
 * {@code logback.events} of one service inside the launcher, counted as its lines are routed to its file.
 *
 * <p>Why not Micrometer's binder: it counts in a turbo filter on the JVM's one Logback context, so with every
 * service in one JVM each service's registry counted the events of all five, and each of the five filters ran on
 * every logging call. A bean of this type makes Spring Boot's {@code LogbackMetricsAutoConfiguration} back off.
 */
final class ServiceLogbackMetrics extends LogbackMetrics {

    private static final List<Level> LEVELS = List.of(Level.ERROR, Level.WARN, Level.INFO, Level.DEBUG, Level.TRACE);

    private final LogEventCounts counts;

    ServiceLogbackMetrics(LogEventCounts counts) {
        // The superclass registers a listener on the context it is given; a context of its own keeps that listener
        // off the JVM's, where it would outlive the service.
        super(List.of(), new LoggerContext());
        this.counts = counts;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Level level : LEVELS) {
            String name = level.levelStr.toLowerCase(Locale.ROOT);
            FunctionCounter.builder("logback.events", counts, c -> c.count(level))
                    .tag("level", name)
                    .description("Number of " + name + " events that made it to the logs")
                    .baseUnit("events")
                    .register(registry);
        }
    }

    @Override
    public void close() {
        // Nothing was added to Logback.
    }
}
