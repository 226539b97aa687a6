package io.signet.launcher.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * One short line per event on the console: time, level, service, logger, message. Stack traces are left out on
 * purpose (they are in the service's log file), so that a failure shows as a line, not a wall.
 */
final class ConsoleLineLayout extends LayoutBase<ILoggingEvent> {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    @Override
    public String doLayout(ILoggingEvent event) {
        String logger = event.getLoggerName();
        String shortLogger = logger.substring(logger.lastIndexOf('.') + 1);
        return TIME.format(Instant.ofEpochMilli(event.getTimeStamp())) + " " + event.getLevel() + " ["
                + ServiceAttribution.current() + "] " + shortLogger + " - " + firstLine(event.getFormattedMessage())
                + CoreConstants.LINE_SEPARATOR;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end).stripTrailing() + " …";
    }
}
