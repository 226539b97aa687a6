package io.signet.launcher.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends each event to the appender of the service its thread works for ({@link ServiceAttribution}), or to the
 * launcher's appender. Thread-safe: appenders are registered before their service starts and looked up lock-free.
 */
final class ServiceRoutingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    private final Map<String, Appender<ILoggingEvent>> byService = new ConcurrentHashMap<>();

    void register(String service, Appender<ILoggingEvent> appender) {
        Appender<ILoggingEvent> previous = byService.put(service, appender);
        if (previous != null && previous != appender) {
            previous.stop();
        }
    }

    /** Sends {@code service}'s lines where {@code existing}'s go. */
    void alias(String service, String existing) {
        Appender<ILoggingEvent> appender = byService.get(existing);
        if (appender != null) {
            byService.put(service, appender);
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        Appender<ILoggingEvent> target = byService.get(ServiceAttribution.current());
        if (target == null) {
            target = byService.get(ServiceAttribution.LAUNCHER);
        }
        if (target != null) {
            target.doAppend(event);
        }
    }

    @Override
    public void stop() {
        byService.values().forEach(Appender::stop);
        super.stop();
    }
}
