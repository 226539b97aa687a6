package io.signet.certworker.claims;

import java.time.Instant;

/** A row of {@code certs.sign_claim}; partition and offset are null for a request that ended before any claim. */
public record ClaimRow(
        String signatureId, Integer sourcePartition, Long sourceOffset, Instant claimedAt, Instant endedAt) {

    /** Whether this row was claimed by exactly that record. */
    boolean claimedBy(int partition, long offset) {
        return sourcePartition != null
                && sourcePartition == partition
                && sourceOffset != null
                && sourceOffset == offset;
    }

    ClaimVerdict verdictFor(int partition, long offset) {
        if (endedAt != null) {
            return ClaimVerdict.ENDED;
        }
        return claimedBy(partition, offset) ? ClaimVerdict.PROCEED : ClaimVerdict.DUPLICATE;
    }
}
