package io.signet.notifier.delivery;

/** What one delivery attempt led to. */
public enum AttemptOutcome {
    /** 2xx: delivered. */
    DELIVERED,
    /** A failure that is retried later (3xx, 429, 5xx, other 4xx, timeout, I/O error). */
    RETRY,
    /** A failure on the last scheduled attempt: dead-lettered. */
    DEAD,
    /** 410 Gone, or the endpoint was already disabled: nothing more is sent. */
    DISABLED,
    /** The destination resolved to an address that is not allowed (SSRF guard): never connected. */
    REFUSED
}
