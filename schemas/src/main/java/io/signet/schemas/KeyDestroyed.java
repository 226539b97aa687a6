package io.signet.schemas;

import java.time.Instant;
import java.util.Objects;

/**
 * The deletion record of a signing key: the one-time key was destroyed in the HSM. Type {@code
 * signet.key.destroyed.v1}, key = keyId. Carries no key material.
 *
 * @param keyId HSM id of the destroyed key (CKA_ID as lower-case hex, or the label Signet gave it)
 * @param signatureId the sign request the key was made for, a UUID
 * @param signerId pseudonymous id of the signer (the {@link SignerClaims#subject()})
 * @param token label of the HSM token that held the key
 * @param algorithm algorithm of the destroyed key, by name
 * @param destroyedAt when the HSM confirmed the destruction, ISO-8601 UTC
 */
public record KeyDestroyed(
        String keyId, String signatureId, String signerId, String token, KeyAlgorithm algorithm, Instant destroyedAt)
        implements SignetEvent {

    public KeyDestroyed {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(signatureId, "signatureId");
        Objects.requireNonNull(signerId, "signerId");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(destroyedAt, "destroyedAt");
    }

    @Override
    public String partitionKey() {
        return keyId;
    }
}
