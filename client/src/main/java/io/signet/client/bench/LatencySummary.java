package io.signet.client.bench;

import org.HdrHistogram.Histogram;

/**
 * Latency percentiles in milliseconds, from a histogram of microseconds.
 *
 * @param count how many latencies were recorded
 * @param p50Ms median
 * @param p95Ms 95th percentile
 * @param p99Ms 99th percentile
 * @param maxMs the largest recorded
 * @param meanMs the arithmetic mean
 */
public record LatencySummary(long count, double p50Ms, double p95Ms, double p99Ms, double maxMs, double meanMs) {

    static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0);

    static LatencySummary of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(
                micros.getTotalCount(),
                ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(95)),
                ms(micros.getValueAtPercentile(99)),
                ms(micros.getMaxValue()),
                Math.round(micros.getMean()) / 1000.0);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
