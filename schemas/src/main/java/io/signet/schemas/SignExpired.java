package io.signet.schemas;

import java.time.Instant;
import java.util.Objects;

/**
 * The notifier ended a sign request as EXPIRED: its deadline passed before any result arrived, and that is what the
 * relying party is told. A signature made for it afterwards is discarded, never delivered. Type
 * {@code signet.sign.expired.v1}, key = signatureId, at most one per request. cert-worker revokes the request's
 * one-time certificates on it, the one of a discarded late signature included.
 *
 * @param signatureId id of the sign request, a UUID
 * @param rpId id of the relying party that submitted it
 * @param deadline the request's deadline, ISO-8601 UTC
 * @param expiredAt when the notifier ended it, ISO-8601 UTC
 */
public record SignExpired(String signatureId, String rpId, Instant deadline, Instant expiredAt) implements SignetEvent {

    public SignExpired {
        Objects.requireNonNull(signatureId, "signatureId");
        Objects.requireNonNull(rpId, "rpId");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(expiredAt, "expiredAt");
    }

    @Override
    public String partitionKey() {
        return signatureId;
    }
}
