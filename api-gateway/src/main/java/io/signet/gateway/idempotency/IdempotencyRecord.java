package io.signet.gateway.idempotency;

import java.time.OffsetDateTime;

/**
 * A stored {@code Idempotency-Key} and the first answer it produced.
 *
 * @param bodyHash SHA-256 of the first request's body
 * @param signatureId the signature id the first request was given
 * @param acceptedAt when the first request was accepted (its response timestamp)
 * @param expiresAt after this the key may be reused for a new request
 */
public record IdempotencyRecord(
        byte[] bodyHash, String signatureId, OffsetDateTime acceptedAt, OffsetDateTime expiresAt) {}
