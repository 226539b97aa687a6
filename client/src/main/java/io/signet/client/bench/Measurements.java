package io.signet.client.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What one run measured. Two views, both kept here:
 *
 * <ul>
 *   <li>per request, for the requests <em>due</em> in the measured window (open model: intended send time; closed
 *       model: actual send time): sent, accepted, completed, errors by kind and the latency histogram, including
 *       callbacks that arrive after the window's end (so the slowest are not dropped);
 *   <li>per second of the window, by callback <em>arrival</em>: callbacks received and their latencies, whichever
 *       request they belong to; the run's throughput is the callbacks received in the window over its length.
 * </ul>
 *
 * <p>Latencies are in microseconds, up to one hour. Thread-safe: recorded from many virtual threads at once.
 */
final class Measurements {

    private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    private final long windowStartNanos;
    private final int seconds;
    private final LongAdder sent = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final LongAdder inWindow = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Histogram latencies = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    private final LongAdder[] perSecondCount;
    // Two significant digits per second (1 %): a 10-minute run keeps 600 of them.
    private final Histogram[] perSecondLatencies;

    /** Measures a window of {@code length} (whole seconds) from {@code windowStartNanos} ({@link System#nanoTime()}). */
    Measurements(long windowStartNanos, Duration length) {
        this.windowStartNanos = windowStartNanos;
        this.seconds = (int) Math.max(1, length.toSeconds());
        this.perSecondCount = new LongAdder[seconds];
        this.perSecondLatencies = new Histogram[seconds];
        for (int i = 0; i < seconds; i++) {
            perSecondCount[i] = new LongAdder();
            perSecondLatencies[i] = new ConcurrentHistogram(HIGHEST_MICROS, 2);
        }
    }

    long windowStartNanos() {
        return windowStartNanos;
    }

    long windowEndNanos() {
        return windowStartNanos + TimeUnit.SECONDS.toNanos(seconds);
    }

    /** Whether a request due at {@code dueNanos} belongs to the measured requests. */
    boolean measured(long dueNanos) {
        return dueNanos >= windowStartNanos && dueNanos < windowEndNanos();
    }

    void sent() {
        sent.increment();
    }

    void accepted() {
        accepted.increment();
    }

    void error(String kind) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    /**
     * A verified callback arrived at {@code arrivedNanos} for a request due at {@code dueNanos}; {@code measured} says
     * whether the request is one of the measured ones.
     */
    void completed(long dueNanos, long arrivedNanos, boolean measured) {
        long micros = Math.min(HIGHEST_MICROS, Math.max(0, (arrivedNanos - dueNanos) / 1_000));
        if (measured) {
            completed.increment();
            latencies.recordValue(micros);
        }
        long offset = arrivedNanos - windowStartNanos;
        if (offset >= 0) {
            int second = (int) (offset / 1_000_000_000L);
            if (second < seconds) {
                inWindow.increment();
                perSecondCount[second].increment();
                perSecondLatencies[second].recordValue(micros);
            }
        }
    }

    long sentCount() {
        return sent.sum();
    }

    long completedCount() {
        return completed.sum();
    }

    /** The counts, percentiles and per-second series as they are now. */
    Snapshot snapshot() {
        Map<String, Long> errorCounts = new TreeMap<>();
        errors.forEach((kind, count) -> errorCounts.put(kind, count.sum()));
        List<SecondFigures> series = new ArrayList<>(seconds);
        for (int i = 0; i < seconds; i++) {
            LatencySummary second = LatencySummary.of(perSecondLatencies[i].copy());
            boolean any = second.count() > 0;
            series.add(new SecondFigures(
                    i + 1, perSecondCount[i].sum(), any ? second.p50Ms() : null, any ? second.p99Ms() : null));
        }
        return new Snapshot(
                sent.sum(),
                accepted.sum(),
                completed.sum(),
                errorCounts,
                inWindow.sum() / (double) seconds,
                LatencySummary.of(latencies.copy()),
                series);
    }

    /**
     * The run's figures.
     *
     * @param sent measured requests submitted
     * @param accepted of those, answered 202
     * @param completed of those, called back (verified callback) before the timeout
     * @param errors by kind, for measured requests (e.g. {@code http 503}, {@code no callback within 60 s})
     * @param throughputPerSecond callbacks received in the window over its length
     * @param latency submit (open model: intended send time) to verified callback, measured requests
     * @param series per second of the window
     */
    record Snapshot(
            long sent,
            long accepted,
            long completed,
            Map<String, Long> errors,
            double throughputPerSecond,
            LatencySummary latency,
            List<SecondFigures> series) {

        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
