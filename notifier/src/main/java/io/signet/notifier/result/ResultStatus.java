package io.signet.notifier.result;

/** Where a sign request stands, as the notifier knows it. Every request ends exactly once. */
public enum ResultStatus {
    /** Accepted, not ended yet. */
    PENDING,
    /** Signed; the signature is stored. */
    COMPLETED,
    /** Ended with an error reported by the signing pipeline. */
    FAILED,
    /** Not ended by its deadline; a later result is discarded. */
    EXPIRED;

    public boolean ended() {
        return this != PENDING;
    }
}
