package io.signet.gateway.sign;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The 202 body: {@code {"signatureId","status":{"code":"PENDING","message"},"responseTimestamp"}}.
 *
 * @param signatureId id to poll and to match the callback
 * @param status code {@code PENDING}
 * @param responseTimestamp ISO 8601 UTC, seconds precision: when the request was accepted
 */
public record PendingResponse(String signatureId, Status status, String responseTimestamp) {

    public record Status(String code, String message) {}

    public static PendingResponse of(String signatureId, Instant acceptedAt) {
        return new PendingResponse(
                signatureId,
                new Status("PENDING", "Request accepted; the signature is being created"),
                acceptedAt.truncatedTo(ChronoUnit.SECONDS).toString());
    }
}
