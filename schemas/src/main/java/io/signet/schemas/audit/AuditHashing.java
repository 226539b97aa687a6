package io.signet.schemas.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;

/**
 * The canonical encoding of an audit entry and the hashes over it, in the style of RFC 9162 (Certificate
 * Transparency 2.0): {@code leaf = SHA-256(0x00 || canonical entry)}, {@code node = SHA-256(0x01 || left || right)}.
 * The distinct prefixes keep a leaf from ever being taken for an inner node (second-preimage resistance).
 *
 * <p>The canonical entry is binary, not JSON, so that there is exactly one encoding: version byte {@code 1}; the
 * position (int64 big-endian); the previous leaf hash (32 bytes); then every {@link AuditRecord} component in
 * declaration order, a string as uint32 length + UTF-8, a time as int64 microseconds since the epoch, bytes as uint32
 * length + bytes, an optional value preceded by a presence byte ({@code 0} absent, {@code 1} present). Changing any
 * of this needs a new version byte. Stateless and thread-safe.
 */
public final class AuditHashing {

    /** The {@code prevHash} of the first entry: 32 zero bytes. */
    public static final Sha256Hash GENESIS = new Sha256Hash(new byte[Sha256Hash.LENGTH]);

    /** Version byte at the start of the canonical encoding. */
    public static final byte ENCODING_VERSION = 1;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    private AuditHashing() {}

    /** The canonical bytes of {@code record} at {@code position} after {@code prevHash}. */
    public static byte[] canonical(long position, Sha256Hash prevHash, AuditRecord record) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeByte(ENCODING_VERSION);
            out.writeLong(position);
            out.write(prevHash.bytes());
            string(out, record.eventId());
            string(out, record.eventType());
            string(out, record.source());
            time(out, record.time());
            optionalString(out, record.signatureId());
            optionalString(out, record.rpId());
            optionalString(out, record.signerId());
            optionalString(out, record.digestAlgorithm());
            optionalBytes(
                    out,
                    record.documentDigest() == null
                            ? null
                            : record.documentDigest().bytes());
            optionalBytes(
                    out,
                    record.certificateThumbprint() == null
                            ? null
                            : record.certificateThumbprint().bytes());
            optionalString(out, record.keyId());
            string(out, record.status());
            optionalString(out, record.detail());
            optionalString(out, record.traceId());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen with an in-memory stream
        }
        return buffer.toByteArray();
    }

    /** {@code SHA-256(0x00 || canonical(position, prevHash, record))}. */
    public static Sha256Hash leafHash(long position, Sha256Hash prevHash, AuditRecord record) {
        MessageDigest digest = Sha256Hash.newDigest();
        digest.update(LEAF_PREFIX);
        digest.update(canonical(position, prevHash, record));
        return new Sha256Hash(digest.digest());
    }

    /** {@code SHA-256(0x01 || left || right)}: an inner node of the Merkle tree. */
    public static Sha256Hash nodeHash(Sha256Hash left, Sha256Hash right) {
        MessageDigest digest = Sha256Hash.newDigest();
        digest.update(NODE_PREFIX);
        left.updateDigest(digest);
        right.updateDigest(digest);
        return new Sha256Hash(digest.digest());
    }

    /** The root of the empty tree: SHA-256 of no bytes. */
    public static Sha256Hash emptyRoot() {
        return Sha256Hash.digest(new byte[0]);
    }

    private static void string(DataOutputStream out, String value) throws IOException {
        bytes(out, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    private static void time(DataOutputStream out, Instant time) throws IOException {
        out.writeLong(Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1_000));
    }

    private static void optionalString(DataOutputStream out, String value) throws IOException {
        optionalBytes(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void optionalBytes(DataOutputStream out, byte[] value) throws IOException {
        if (value == null) {
            out.writeByte(0);
        } else {
            out.writeByte(1);
            bytes(out, value);
        }
    }
}
