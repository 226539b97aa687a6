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
 * One-time keys in the signing token: generate, destroy with a deletion record, and sweep orphans at start-up.
 * Thread-safe (the token is).
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

    /**
     * Destroys what {@link #leftovers()} finds and logs how many (no key material); run at start-up before any request
     * is taken. Session objects die with the sessions that made them, so a crashed process leaves nothing; what this
     * finds was left by an earlier token instance of this process (e.g. a service restarted inside the launcher).
     *
     * @return how many objects were destroyed
     */
    public int sweepLeftovers() {
        List<TokenObject> left = leftovers();
        int destroyed = 0;
        for (TokenObject object : left) {
            try {
                if (token.destroy(object)) {
                    destroyed++;
                }
            } catch (HsmException e) {
                LOG.warn("orphan ephemeral key object on token {} not destroyed: {}", token.tokenLabel(), e.code());
            }
        }
        if (!left.isEmpty()) {
            LOG.warn(
                    "start-up sweep: {} orphan ephemeral key objects found on token {}, {} destroyed",
                    left.size(),
                    token.tokenLabel(),
                    destroyed);
        } else {
            LOG.info("start-up sweep: no orphan ephemeral keys on token {}", token.tokenLabel());
        }
        return destroyed;
    }
}
