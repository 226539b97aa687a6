package io.signet.certworker.claims;

/** cert-worker's answer to one claim of a sign request record. */
public enum ClaimVerdict {
    /** Claimed now, or already claimed by this very record and not ended (a retry after a crash): sign it. */
    PROCEED,
    /** Claimed by another record (a duplicate from the at-least-once relay): skip it. */
    DUPLICATE,
    /** The request already ended (completed or failed): skip it (a replay after a consumer group reset). */
    ENDED
}
