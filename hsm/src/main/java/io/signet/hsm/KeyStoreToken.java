package io.signet.hsm;

import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * The narrow seam between Signet and an HSM token: generate keys, sign digests, destroy keys. Implementations are
 * thread-safe.
 *
 * <p>Ephemeral keys are session objects (CKA_TOKEN=false): they vanish at the latest when the token is closed or the
 * HSM loses its sessions, and must be {@link #destroy destroyed} as soon as their signature is made. Long-term keys
 * are token objects with a unique label.
 */
public interface KeyStoreToken extends AutoCloseable {

    /** CKA_LABEL given to every ephemeral key pair, so a sweep can recognise them. */
    String EPHEMERAL_LABEL = "signet-ephemeral";

    /** Label of the token this instance works on. */
    String tokenLabel();

    /** Generates a non-extractable, sensitive session key pair. */
    KeyHandle generateEphemeral(KeyAlgorithm algorithm);

    /**
     * Generates a token key pair under a new label.
     *
     * @throws HsmException INVALID_ARGUMENT if a key with that label exists
     */
    KeyHandle generateLongTerm(String label, KeyAlgorithm algorithm);

    /** The long-term key pair with this label, if present. */
    Optional<KeyHandle> findLongTerm(String label);

    /** The public key of a key pair. */
    PublicKey publicKey(KeyHandle key);

    /**
     * Signs a precomputed digest.
     *
     * @param digest the hash of the data, exactly {@code algorithm.digest().length()} bytes
     * @return ECDSA: DER SEQUENCE{r, s}; RSA: the signature octets
     */
    byte[] sign(KeyHandle key, SignatureAlgorithm algorithm, byte[] digest);

    /**
     * Verifies an ECDSA signature over a precomputed digest with any EC public key on a curve of {@link KeyAlgorithm}
     * (the key is brought into the token for the call, and gone after it): the HSM as a verification accelerator.
     *
     * @param digest the hash of the signed data, {@code algorithm.digest().length()} bytes
     * @param signature DER SEQUENCE{r, s}; anything else is invalid
     * @return whether the signature is valid
     * @throws HsmException INVALID_ARGUMENT for a non-ECDSA algorithm, a key not on a supported curve or a digest of
     *     the wrong length
     */
    boolean verifyEcdsa(SubjectPublicKeyInfo key, SignatureAlgorithm algorithm, byte[] digest, byte[] signature);

    /**
     * Destroys both objects of a key pair. Destroying an ephemeral key whose session is already gone succeeds (the
     * key no longer exists either way).
     */
    void destroy(KeyHandle key);

    /**
     * Destroys one session object found by {@link #listObjects()}: the start-up sweep's tool for orphan ephemeral keys
     * (left by an earlier token instance of this process). Token objects (long-term keys) are refused; an ephemeral key
     * this instance is still using is left alone; a handle that meanwhile names another object is left alone.
     *
     * @return whether the object existed and was destroyed
     * @throws HsmException INVALID_ARGUMENT for a token object
     */
    boolean destroy(TokenObject object);

    /** All objects this application can see on the token (token objects and its own session objects). */
    List<TokenObject> listObjects();

    /** Whether the token answers and the login holds; recovers broken sessions as a side effect. */
    boolean healthy();

    /** A snapshot of the session pool. */
    PoolStats poolStats();

    /** Closes all sessions (destroying all ephemeral keys) and releases the module. Idempotent. */
    @Override
    void close();
}
