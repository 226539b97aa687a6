package io.signet.hsm;

import java.security.PublicKey;
import java.util.Objects;

/**
 * A key pair in the HSM. Carries no secret: the private key never leaves the token.
 *
 * @param tokenLabel label of the token holding the key; a handle is only valid on that token
 * @param id the pair's CKA_ID
 * @param label the pair's CKA_LABEL (for ephemeral keys a fixed marker, see {@link KeyStoreToken})
 * @param algorithm the key type
 * @param privateKeyHandle PKCS#11 object handle of the private key (valid while the key and module live)
 * @param publicKeyHandle PKCS#11 object handle of the public key
 * @param publicKey the public key, read from the token at generation or lookup
 * @param persistent true for a token object (long-term key), false for a session object (ephemeral key)
 */
public record KeyHandle(
        String tokenLabel,
        KeyId id,
        String label,
        KeyAlgorithm algorithm,
        long privateKeyHandle,
        long publicKeyHandle,
        PublicKey publicKey,
        boolean persistent) {

    public KeyHandle {
        Objects.requireNonNull(tokenLabel, "tokenLabel");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(publicKey, "publicKey");
    }

    @Override
    public String toString() {
        // No public key dump: it is not secret but is long and useless in a log line.
        return "KeyHandle[token=" + tokenLabel + ", id=" + id + ", label=" + label + ", algorithm=" + algorithm
                + ", persistent=" + persistent + "]";
    }
}
