package io.signet.signworker.claims;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Keeps a cert-worker outage (a restart, a deployment) from filling sign-worker's log with stack traces. While claims
 * are unavailable, every back-off ends with the listener container rolling the batch's transaction back, and Spring
 * Kafka logs each rollback at ERROR with the whole cause chain. The outage is already reported by
 * {@link ClaimsClient}'s WARN line per call; this drops only those rollback lines, so a rollback for any other cause
 * is still logged.
 */
public final class ClaimsOutageLogFilter extends TurboFilter {

    static final String CONTAINER_LOGGER = "org.springframework.kafka.listener.KafkaMessageListenerContainer";

    /** Adds a filter to the logging system when it is Logback (as in every Signet service); else does nothing. */
    public static ClaimsOutageLogFilter install() {
        ClaimsOutageLogFilter filter = new ClaimsOutageLogFilter();
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            filter.setContext(context);
            filter.start();
            context.addTurboFilter(filter);
        }
        return filter;
    }

    /** Removes this filter again (a service stopped inside a launcher that goes on running). */
    public void uninstall() {
        if (getContext() instanceof LoggerContext context) {
            context.getTurboFilterList().remove(this);
        }
        stop();
    }

    @Override
    public FilterReply decide(
            Marker marker, Logger logger, Level level, String format, Object[] params, Throwable thrown) {
        if (thrown != null
                && level == Level.ERROR
                && CONTAINER_LOGGER.equals(logger.getName())
                && causedByClaimsUnavailable(thrown)) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }

    private static boolean causedByClaimsUnavailable(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ClaimsUnavailableException) {
                return true;
            }
        }
        return false;
    }
}
