package io.signet.gateway.sign;

import java.time.Instant;

/**
 * A committed sign request.
 *
 * @param signatureId the request's id (UUID text)
 * @param acceptedAt when it was accepted; the 202's {@code responseTimestamp}
 * @param replayed true when an {@code Idempotency-Key} returned an earlier request instead of creating one
 */
public record Accepted(String signatureId, Instant acceptedAt, boolean replayed) {}
