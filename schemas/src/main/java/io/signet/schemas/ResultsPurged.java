package io.signet.schemas;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * The notifier's retention purge deleted stored results. Type {@code signet.results.purged.v1}, key = purgeId. Says
 * how much was deleted and up to when, never what: no signatureId, relying party, signature value or personal data.
 *
 * @param purgeId id of this purge, a UUID
 * @param cutoff results of requests that ended before this instant were deleted, ISO-8601 UTC
 * @param results number of results deleted (with their callback deliveries and attempts)
 * @param processedEvents number of processed-event ids deleted from the notifier's idempotency ledger
 * @param oldestEndedAt end time of the oldest deleted result, ISO-8601 UTC; null when no result was deleted
 * @param newestEndedAt end time of the newest deleted result, ISO-8601 UTC; null when no result was deleted
 * @param purgedAt when the purge's transaction ran, ISO-8601 UTC
 */
public record ResultsPurged(
        String purgeId,
        Instant cutoff,
        @JsonProperty(required = true) int results,
        @JsonProperty(required = true) int processedEvents,
        Instant oldestEndedAt,
        Instant newestEndedAt,
        Instant purgedAt)
        implements SignetEvent {

    public ResultsPurged {
        Objects.requireNonNull(purgeId, "purgeId");
        Objects.requireNonNull(cutoff, "cutoff");
        Objects.requireNonNull(purgedAt, "purgedAt");
        if (results < 0 || processedEvents < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    @Override
    public String partitionKey() {
        return purgeId;
    }
}
