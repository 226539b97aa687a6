package io.signet.schemas.audit;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A SHA-256 value (32 bytes): a leaf or node hash of the audit log's Merkle tree, a chain link or a certificate
 * thumbprint. Compares by content; JSON and {@link #toString()} use lower-case hex.
 *
 * @param bytes the 32 hash bytes (copied in and out)
 */
public record Sha256Hash(byte[] bytes) {

    /** Length of a SHA-256 value in bytes. */
    public static final int LENGTH = 32;

    private static final HexFormat HEX = HexFormat.of();

    public Sha256Hash {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a SHA-256 value has 32 bytes, not " + bytes.length);
        }
        bytes = bytes.clone();
    }

    /** Parses 64 hex digits (either case). */
    @JsonCreator
    public static Sha256Hash ofHex(String hex) {
        Objects.requireNonNull(hex, "hex");
        if (hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("a SHA-256 value has 64 hex digits");
        }
        return new Sha256Hash(HEX.parseHex(hex));
    }

    /** SHA-256 of {@code data}. */
    public static Sha256Hash digest(byte[] data) {
        return new Sha256Hash(newDigest().digest(data));
    }

    /** A fresh SHA-256 {@link MessageDigest}; the JDK always has one. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Lower-case hex, as written to JSON. */
    @JsonValue
    public String hex() {
        return HEX.formatHex(bytes);
    }

    /** Feeds the bytes to {@code digest} without a copy. */
    void updateDigest(MessageDigest digest) {
        digest.update(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Sha256Hash that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
