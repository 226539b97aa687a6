package io.signet.notifier.delivery;

/** Lifecycle of one callback delivery. */
public enum DeliveryStatus {
    /** Waiting for its next attempt (or being attempted). */
    PENDING,
    /** A 2xx answer acknowledged it; never sent again. */
    DELIVERED,
    /** Every scheduled attempt failed, or the destination was refused; ops may re-drive it. */
    DEAD,
    /** The endpoint answered 410 Gone (now or earlier) and is disabled; ops may re-drive it. */
    DISABLED
}
