package io.signet.launcher.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends each event to the appender of the service its thread works for ({@link ServiceAttribution}), or to the
 * launcher's appender, and counts it by level for that appender's file ({@link #counts}). Thread-safe: appenders are
 * registered before their service starts and looked up lock-free.
 */
final class ServiceRoutingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    private record Route(Appender<ILoggingEvent> appender, LogEventCounts counts) {}

    private final Map<String, Route> byService = new ConcurrentHashMap<>();

    void register(String service, Appender<ILoggingEvent> appender) {
        Route previous = byService.put(service, new Route(appender, new LogEventCounts()));
        if (previous != null && previous.appender() != appender) {
            previous.appender().stop();
        }
    }

    /** Sends {@code service}'s lines where {@code existing}'s go, and counts them with those. */
    void alias(String service, String existing) {
        Route route = byService.get(existing);
        if (route != null) {
            byService.put(service, route);
        }
    }

    /** The counts of the events written to {@code service}'s file, or null for a service not registered. */
    LogEventCounts counts(String service) {
        Route route = byService.get(service);
        return route == null ? null : route.counts();
    }

    @Override
    protected void append(ILoggingEvent event) {
        Route route = byService.get(ServiceAttribution.current());
        if (route == null) {
            route = byService.get(ServiceAttribution.LAUNCHER);
        }
        if (route != null) {
            route.counts().add(event.getLevel());
            route.appender().doAppend(event);
        }
    }

    @Override
    public void stop() {
        byService.values().forEach(route -> route.appender().stop());
        super.stop();
    }
}
