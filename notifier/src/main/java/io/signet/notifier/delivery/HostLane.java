package io.signet.notifier.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The attempts of one destination host: at most {@code maxInFlight} at a time, and up to {@code maxQueued} claimed
 * deliveries waiting in memory for a slot (a burst to one receiver waits here instead of going back to the database
 * and being claimed again). A slot that finishes takes the next waiting delivery. Thread-safe (synchronized; every
 * critical section is a few field updates).
 */
final class HostLane {

    /** A claimed delivery waiting for a slot; {@code claimedAtNanos} tells whether its lease still holds. */
    record Claimed(Delivery delivery, boolean endpointDisabled, long claimedAtNanos) {}

    /** What became of an offered delivery. */
    enum Admission {
        /** A slot was free: the caller runs it now on that slot. */
        RUN,
        /** Queued: a slot of this lane runs it when it is free. */
        QUEUED,
        /** Lane full: the caller gives the delivery back to the database. */
        FULL
    }

    private final int maxInFlight;
    private final int maxQueued;
    private final ArrayDeque<Claimed> queue = new ArrayDeque<>();
    private int inFlight;

    HostLane(int maxInFlight, int maxQueued) {
        this.maxInFlight = maxInFlight;
        this.maxQueued = maxQueued;
    }

    synchronized Admission offer(Claimed claimed) {
        if (inFlight < maxInFlight) {
            inFlight++;
            return Admission.RUN;
        }
        if (queue.size() < maxQueued) {
            queue.add(claimed);
            return Admission.QUEUED;
        }
        return Admission.FULL;
    }

    /** Called by a slot that finished an attempt: the next delivery for that slot, or null when the slot is freed. */
    synchronized Claimed next() {
        Claimed next = queue.poll();
        if (next == null) {
            inFlight--;
        }
        return next;
    }

    /** Frees a slot without taking more work (stopping, or a task that could not be started). */
    synchronized void free() {
        inFlight--;
    }

    /** Empties the queue (stopping): the deliveries returned are to be given back to the database. */
    synchronized List<Claimed> drain() {
        List<Claimed> drained = new ArrayList<>(queue);
        queue.clear();
        return drained;
    }
}
