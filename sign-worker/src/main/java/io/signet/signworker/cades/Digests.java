package io.signet.signworker.cades;

import io.signet.hsm.DigestAlgorithm;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Hashing with the JDK's providers (SHA-2 and SHA-3 are built in). Thread-safe. */
public final class Digests {

    private Digests() {}

    /** The digest of {@code data} with {@code algorithm}. */
    public static byte[] digest(DigestAlgorithm algorithm, byte[] data) {
        try {
            // MessageDigest instances are cheap to get and not thread-safe; no pooling needed at this rate.
            return MessageDigest.getInstance(algorithm.jcaName()).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm.jcaName() + " missing from the JDK", e);
        }
    }
}
