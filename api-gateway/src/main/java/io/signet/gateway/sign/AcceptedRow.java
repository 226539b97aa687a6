package io.signet.gateway.sign;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Everything {@link AcceptedRequestWriter} writes: the request columns, the optional idempotency key and
 * the outbox event. Bound by accessor name.
 */
public record AcceptedRow(
        String signatureId,
        String rpId,
        String format,
        String hashType,
        String hash,
        String dataToBeDisplayed,
        OffsetDateTime requestTimestamp,
        String callbackUrl,
        String nonce,
        String state,
        String conformanceLevel,
        String keyAlgorithm,
        OffsetDateTime acceptedAt,
        OffsetDateTime deadline,
        String idempotencyKey,
        byte[] bodyHash,
        OffsetDateTime idempotencyExpiresAt,
        UUID eventId,
        String eventType,
        String traceparent,
        String payload) {}
