package io.signet.hsm;

import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An output stream that feeds a digest through a buffer. BouncyCastle's DER encoder writes tags and lengths a byte at
 * a time; a {@link java.security.DigestOutputStream} then pays the digest's per-call overhead for each byte, and a
 * {@link java.io.BufferedOutputStream} its lock: each was a sixth of issuing a certificate. Not thread-safe, like the
 * signers and verifiers that use it.
 */
final class DigestingStream extends OutputStream {

    /** Never updated, only cloned: cloning is several times cheaper than a provider lookup per signature. */
    private static final Map<DigestAlgorithm, MessageDigest> PROTOTYPES = new ConcurrentHashMap<>();

    private final MessageDigest digest;
    private final byte[] buffer = new byte[2048];
    private int count;

    private DigestingStream(MessageDigest digest) {
        this.digest = digest;
    }

    /** A stream into a fresh digest of {@code algorithm}. */
    static DigestingStream of(DigestAlgorithm algorithm) throws NoSuchAlgorithmException {
        MessageDigest prototype = PROTOTYPES.get(algorithm);
        if (prototype == null) {
            prototype = MessageDigest.getInstance(algorithm.jcaName());
            PROTOTYPES.putIfAbsent(algorithm, prototype);
        }
        try {
            return new DigestingStream((MessageDigest) prototype.clone());
        } catch (CloneNotSupportedException e) {
            return new DigestingStream(MessageDigest.getInstance(algorithm.jcaName()));
        }
    }

    @Override
    public void write(int b) {
        if (count == buffer.length) {
            drain();
        }
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length > buffer.length - count) {
            drain();
            if (length >= buffer.length) {
                digest.update(bytes, offset, length);
                return;
            }
        }
        System.arraycopy(bytes, offset, buffer, count, length);
        count += length;
    }

    /** The digest of everything written since the last call; the digest starts afresh. */
    byte[] digest() {
        drain();
        return digest.digest();
    }

    private void drain() {
        digest.update(buffer, 0, count);
        count = 0;
    }
}
