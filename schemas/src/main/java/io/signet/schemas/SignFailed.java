package io.signet.schemas;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * A sign request ended without a signature. Type {@code signet.sign.failed.v1}, key = signatureId. Only permanent
 * outcomes become this event; errors a retry can fix go back to the consumer's backoff instead.
 *
 * @param signatureId id of the sign request, a UUID
 * @param rpId id of the relying party that submitted it
 * @param errorCode stable reason, by name
 * @param message human-readable detail for the relying party, without secrets or personal data
 * @param failedAt when the request was given up, ISO-8601 UTC
 * @param retryable whether submitting a new request may succeed; false for every v1 producer, since Signet retries
 *     transient errors itself before giving up
 */
public record SignFailed(
        String signatureId,
        String rpId,
        ErrorCode errorCode,
        String message,
        Instant failedAt,
        @JsonProperty(required = true) boolean retryable)
        implements SignetEvent {

    public SignFailed {
        Objects.requireNonNull(signatureId, "signatureId");
        Objects.requireNonNull(rpId, "rpId");
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(failedAt, "failedAt");
    }

    /** A permanent failure ({@code retryable = false}). */
    public static SignFailed permanent(
            String signatureId, String rpId, ErrorCode errorCode, String message, Instant failedAt) {
        return new SignFailed(signatureId, rpId, errorCode, message, failedAt, false);
    }

    @Override
    public String partitionKey() {
        return signatureId;
    }

    /**
     * Stable failure reasons, serialised by name. A v1 reader maps a code added later to {@link #INTERNAL}, so
     * adding a code does not need a v2.
     */
    public enum ErrorCode {
        /** The deadline passed before the signature was finished. */
        EXPIRED,
        /** The signer's identity claims were missing or unusable for a certificate. */
        INVALID_CLAIMS,
        /** The requested key, hash or format combination is not supported. */
        UNSUPPORTED_ALGORITHM,
        /** The HSM stayed unavailable until the retries ran out. */
        HSM_UNAVAILABLE,
        /** The CA refused to issue the certificate. */
        CA_REFUSED,
        /** The time-stamping authority stayed unavailable until the retries ran out (B-T, B-LT). */
        TSA_UNAVAILABLE,
        /** Anything else; see the logs of sign-worker. */
        @JsonEnumDefaultValue
        INTERNAL
    }
}
