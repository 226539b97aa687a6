package io.signet.platform.logging;

import io.signet.schemas.Traceparent;
import org.slf4j.MDC;

/**
 * Puts the trace of the request being worked on into the logging MDC, under the keys Micrometer Tracing uses for HTTP
 * requests ({@code traceId}, {@code spanId}), so that every log line about one sign request carries the trace id the
 * gateway gave it, in every service. Work read from Kafka is done in batches on shared threads, where no tracer
 * scope exists: the event's {@code traceparent} is entered here for the time one request is handled.
 */
public final class TraceMdc {

    public static final String TRACE_ID = "traceId";
    public static final String SPAN_ID = "spanId";

    private static final Scope NOTHING = () -> {};

    private TraceMdc() {}

    /**
     * Enters {@code traceparent} until the scope is closed, which restores what the thread had before. A null or
     * malformed header enters nothing.
     */
    public static Scope enter(String traceparent) {
        return Traceparent.parse(traceparent).map(TraceMdc::enter).orElse(NOTHING);
    }

    private static Scope enter(Traceparent trace) {
        String previousTrace = MDC.get(TRACE_ID);
        String previousSpan = MDC.get(SPAN_ID);
        MDC.put(TRACE_ID, trace.traceId());
        MDC.put(SPAN_ID, trace.parentId());
        return () -> {
            restore(TRACE_ID, previousTrace);
            restore(SPAN_ID, previousSpan);
        };
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    /** An entered trace; closing never throws. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
