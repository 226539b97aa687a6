package io.signet.hsm;

import java.io.OutputStream;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;

/**
 * A BouncyCastle {@link ContentSigner} that hashes in software and has the HSM sign the digest, so CSRs, certificates
 * and CMS structures can be signed with a key that never leaves the token.
 *
 * <p>Not thread-safe (like every ContentSigner): use one instance per signature, or at least per thread.
 */
public final class HsmContentSigner implements ContentSigner {

    private final KeyStoreToken token;
    private final KeyHandle key;
    private final SignatureAlgorithm algorithm;
    private final DigestingStream stream;

    public HsmContentSigner(KeyStoreToken token, KeyHandle key, SignatureAlgorithm algorithm) {
        if (algorithm.keyFamily() != key.algorithm().family()) {
            throw new HsmException(
                    HsmErrorCode.INVALID_ARGUMENT, algorithm + " cannot be used with a " + key.algorithm() + " key");
        }
        this.token = token;
        this.key = key;
        this.algorithm = algorithm;
        try {
            this.stream = DigestingStream.of(algorithm.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new HsmException(
                    HsmErrorCode.UNSUPPORTED_ALGORITHM,
                    "no " + algorithm.digest().jcaName() + " in this JVM",
                    e);
        }
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return algorithm.algorithmIdentifier();
    }

    @Override
    public OutputStream getOutputStream() {
        return stream;
    }

    /** Signs the digest of everything written so far and resets the digest. */
    @Override
    public byte[] getSignature() {
        return token.sign(key, algorithm, stream.digest());
    }
}
