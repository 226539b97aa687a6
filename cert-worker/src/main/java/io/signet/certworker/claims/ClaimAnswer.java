package io.signet.certworker.claims;

/** The verdict on one {@link SignClaim}, echoing it so the caller can match answers without relying on order. */
public record ClaimAnswer(String signatureId, int partition, long offset, ClaimVerdict verdict) {

    static ClaimAnswer of(SignClaim claim, ClaimVerdict verdict) {
        return new ClaimAnswer(claim.signatureId(), claim.partition(), claim.offset(), verdict);
    }
}
