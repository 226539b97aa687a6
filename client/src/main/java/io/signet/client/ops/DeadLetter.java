package io.signet.client.ops;

import java.time.Instant;

/**
 * A callback delivery that the notifier gave up on (dead-lettered after its last attempt, or disabled by a 410), as
 * its ops endpoint lists it.
 *
 * @param id delivery id, what {@code signet redrive run --id} takes
 * @param signatureId the request the callback is about
 * @param rpId the receiving relying party
 * @param kind {@code GET} (GovStack callback) or {@code POST} (webhook)
 * @param host destination host
 * @param status {@code DEAD} or {@code DISABLED} (or {@code PENDING} right after a re-drive)
 * @param attempts attempts made so far
 * @param lastError the last failure; null when none was recorded
 * @param endedAt when the delivery was given up; null while pending again
 */
public record DeadLetter(
        String id,
        String signatureId,
        String rpId,
        String kind,
        String host,
        String status,
        int attempts,
        String lastError,
        Instant endedAt) {}
