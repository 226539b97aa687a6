package io.signet.schemas.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A tree head of the audit log: its size and Merkle root at a time. What the audit key signs is {@link
 * #toBeSigned()}.
 *
 * @param treeSize number of entries covered (positions {@code 0 .. treeSize-1})
 * @param rootHash Merkle root over their leaf hashes
 * @param timestamp when the head was made, truncated to microseconds
 */
public record TreeHead(long treeSize, Sha256Hash rootHash, Instant timestamp) {

    /** Domain separation: a signature over a tree head can never be mistaken for one over anything else. */
    static final String TBS_LABEL = "signet-audit-tree-head-v1";

    public TreeHead {
        if (treeSize < 0) {
            throw new IllegalArgumentException("treeSize must not be negative");
        }
        Objects.requireNonNull(rootHash, "rootHash");
        Objects.requireNonNull(timestamp, "timestamp");
        timestamp = timestamp.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The bytes the audit key signs: the ASCII label {@value #TBS_LABEL}, a zero byte, the tree size (int64
     * big-endian), the root hash (32 bytes) and the time (int64 microseconds since the epoch).
     */
    public byte[] toBeSigned() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(80);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.write(TBS_LABEL.getBytes(StandardCharsets.US_ASCII));
            out.writeByte(0);
            out.writeLong(treeSize);
            out.write(rootHash.bytes());
            out.writeLong(timestamp.getEpochSecond() * 1_000_000L + timestamp.getNano() / 1_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }
}
