package io.signet.gateway.error;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The GovStack error body every {@code /v1} error answers with:
 * {@code {"status":{"code":"ERROR","message":"…"},"responseTimestamp":"…"}}.
 *
 * @param status always code {@code ERROR} with a message naming the rule that failed
 * @param responseTimestamp ISO 8601 UTC time of the answer, seconds precision
 */
public record GovStackError(Status status, String responseTimestamp) {

    /** @param code {@code ERROR} @param message human-readable reason, free of secrets and personal data */
    public record Status(String code, String message) {}

    public static GovStackError of(String message, Instant now) {
        return new GovStackError(
                new Status("ERROR", message),
                now.truncatedTo(ChronoUnit.SECONDS).toString());
    }
}
