package io.signet.launcher.logging;

import ch.qos.logback.classic.Level;
import java.util.concurrent.atomic.LongAdder;

/** How many events of each level were written to one log file. Thread-safe. */
public final class LogEventCounts {

    private final LongAdder error = new LongAdder();
    private final LongAdder warn = new LongAdder();
    private final LongAdder info = new LongAdder();
    private final LongAdder debug = new LongAdder();
    private final LongAdder trace = new LongAdder();

    void add(Level level) {
        adder(level).increment();
    }

    /** The events of {@code level} written so far. */
    public long count(Level level) {
        return adder(level).sum();
    }

    private LongAdder adder(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> error;
            case Level.WARN_INT -> warn;
            case Level.INFO_INT -> info;
            case Level.DEBUG_INT -> debug;
            default -> trace;
        };
    }
}
