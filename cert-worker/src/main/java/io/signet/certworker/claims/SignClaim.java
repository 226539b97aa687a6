package io.signet.certworker.claims;

import java.util.Objects;

/**
 * One sign request record claiming its signatureId.
 *
 * @param signatureId the request's signatureId
 * @param partition partition of {@code signet.sign.requested} the record was read from
 * @param offset the record's offset in that partition
 */
public record SignClaim(String signatureId, int partition, long offset) {

    public SignClaim {
        Objects.requireNonNull(signatureId, "signatureId");
        if (signatureId.isBlank() || signatureId.length() > 64) {
            throw new IllegalArgumentException("signatureId must be 1 to 64 characters");
        }
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("partition and offset must not be negative");
        }
    }
}
