package io.signet.certworker.tsa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether the local clock can be trusted for time-stamps: the last comparison with the {@link
 * TimeReference} must be recent and the drift within bounds. Sampling happens in the background ({@link #sample}),
 * so {@link #trusted} costs two volatile reads. Thread-safe.
 */
public final class ClockGuard {

    private static final Logger LOG = LoggerFactory.getLogger(ClockGuard.class);

    private final Clock clock;
    private final TimeReference reference;
    private final Duration maxDrift;
    private final Duration maxSampleAge;
    private volatile Instant sampledAt;
    private volatile Duration drift;

    public ClockGuard(Clock clock, TimeReference reference, Duration maxDrift, Duration maxSampleAge) {
        this.clock = clock;
        this.reference = reference;
        this.maxDrift = maxDrift;
        this.maxSampleAge = maxSampleAge;
    }

    /** Compares the local clock with the reference once; a failed comparison leaves the last good one to age. */
    public void sample() {
        try {
            Instant before = clock.instant();
            Instant remote = reference.now();
            Instant after = clock.instant();
            // The reference read happened somewhere between before and after: compare with the midpoint.
            Instant local = before.plus(Duration.between(before, after).dividedBy(2));
            Duration measured = Duration.between(local, remote);
            boolean wasTrusted = trusted();
            drift = measured;
            sampledAt = after;
            if (wasTrusted && !trusted()) {
                LOG.warn("TSA clock drift {} ms exceeds the allowed {} ms", measured.toMillis(), maxDrift.toMillis());
            }
        } catch (Exception e) {
            LOG.warn("TSA time reference unavailable: {}", e.toString());
        }
    }

    public boolean trusted() {
        Instant at = sampledAt;
        Duration measured = drift;
        if (at == null || measured == null) {
            return false;
        }
        return Duration.between(at, clock.instant()).compareTo(maxSampleAge) <= 0
                && measured.abs().compareTo(maxDrift) <= 0;
    }
}
