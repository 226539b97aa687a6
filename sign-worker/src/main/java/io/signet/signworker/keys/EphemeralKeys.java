package io.signet.signworker.keys;

import io.signet.hsm.HsmException;
import io.signet.hsm.KeyAlgorithm;
import io.signet.hsm.KeyHandle;
import io.signet.hsm.KeyStoreToken;
import io.signet.hsm.TokenObject;
import io.signet.schemas.KeyDestroyed;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-time keys in the signing token: generate, destroy with a deletion record, and sweep leftovers. Thread-safe
 * (the token is).
 */
public final class EphemeralKeys {

    private static final Logger LOG = LoggerFactory.getLogger(EphemeralKeys.class);

    private final KeyStoreToken token;
    private final Clock clock;

    public EphemeralKeys(KeyStoreToken token, Clock clock) {
        this.token = token;
        this.clock = clock;
    }

    /** A fresh non-extractable, sensitive session key pair. */
    public KeyHandle generate(KeyAlgorithm algorithm) {
        return token.generateEphemeral(algorithm);
    }

    /**
     * Destroys {@code key} and returns its deletion record (no key material: id, signer pseudonym, token, time).
     *
     * @throws HsmException when the token refuses; the key may still exist until its session ends
     */
    public KeyDestroyed destroy(KeyHandle key, String signatureId, String signerId) {
        token.destroy(key);
        return new KeyDestroyed(
                key.id().hex(),
                signatureId,
                signerId,
                token.tokenLabel(),
                io.signet.schemas.KeyAlgorithm.valueOf(key.algorithm().name()),
                clock.instant());
    }

    /** The ephemeral key objects this process can see on the token (for the sweep and for tests). */
    public List<TokenObject> leftovers() {
        return token.listObjects().stream()
                .filter(o -> !o.persistent() && KeyStoreToken.EPHEMERAL_LABEL.equals(o.label()))
                .toList();
    }

    /** The label of the signing token. */
    public String tokenLabel() {
        return token.tokenLabel();
    }

    /** Logs what {@link #leftovers()} finds; used at start-up before any request is taken. */
    public int reportLeftovers() {
        List<TokenObject> left = leftovers();
        if (!left.isEmpty()) {
            LOG.warn("{} ephemeral key objects found on token {}", left.size(), token.tokenLabel());
        }
        return left.size();
    }
}
