package io.signet.signworker.claims;

/** cert-worker's verdict on one {@link Claim}. */
public enum ClaimVerdict {
    /** This record holds the claim (new, or a retry of the same record after a crash): sign. */
    PROCEED,
    /** Another record holds the claim (a duplicate relayed twice): skip without a trace. */
    DUPLICATE,
    /** The request has ended (a replay after a consumer group reset): skip without a trace. */
    ENDED
}
