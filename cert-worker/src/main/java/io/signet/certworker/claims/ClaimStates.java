package io.signet.certworker.claims;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The claims of some signatureIds as read once (one query for a whole batch of certificate requests). */
public final class ClaimStates {

    private final Map<String, ClaimRow> rows;

    ClaimStates(Map<String, ClaimRow> rows) {
        this.rows = rows;
    }

    /** Whether the sign request has ended: nobody waits for a certificate for it any more. */
    public boolean ended(String signatureId) {
        ClaimRow row = rows.get(signatureId);
        return row != null && row.endedAt() != null;
    }

    /** Whether the sign request ended before {@code time}. */
    public boolean endedBefore(String signatureId, Instant time) {
        ClaimRow row = rows.get(signatureId);
        return row != null && row.endedAt() != null && row.endedAt().isBefore(time);
    }

    /**
     * Why a certificate must not be issued for this record, if it must not: the signatureId is unclaimed, claimed by
     * another record, or ended.
     */
    public Optional<String> refusalForIssuance(SignClaim claim) {
        ClaimRow row = rows.get(claim.signatureId());
        if (row == null) {
            return Optional.of("the sign request was not claimed");
        }
        if (row.verdictFor(claim.partition(), claim.offset()) == ClaimVerdict.PROCEED) {
            return Optional.empty();
        }
        return Optional.of(
                row.endedAt() != null ? "the sign request has ended" : "the sign request is claimed by another record");
    }
}
