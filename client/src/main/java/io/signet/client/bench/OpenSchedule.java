package io.signet.client.bench;

import java.time.Duration;

/**
 * The open model's send times, fixed before the run: request {@code i} is due {@code i / rate} seconds after the
 * start, whether or not earlier requests have been answered. Latency is measured from these times, so a pipeline
 * (or a load generator) that falls behind shows its queueing in the figures instead of hiding it (coordinated
 * omission). Immutable.
 *
 * @param startNanos {@link System#nanoTime()} of request 0
 * @param ratePerSecond requests per second, more than 0
 */
record OpenSchedule(long startNanos, double ratePerSecond) {

    OpenSchedule {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be more than 0, was " + ratePerSecond);
        }
    }

    /** When request {@code index} is due ({@link System#nanoTime()} scale). */
    long intendedNanos(long index) {
        return startNanos + Math.round(index * 1e9 / ratePerSecond);
    }

    /** How many requests are due in the first {@code window} after the start (those due strictly before its end). */
    long countWithin(Duration window) {
        double exact = window.toNanos() / 1e9 * ratePerSecond;
        long count = (long) Math.ceil(exact);
        // Rounding of intendedNanos may put the last candidate on the window's end: it belongs to the next window.
        while (count > 0 && intendedNanos(count - 1) - startNanos >= window.toNanos()) {
            count--;
        }
        return count;
    }
}
