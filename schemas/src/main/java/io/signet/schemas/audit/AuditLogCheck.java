package io.signet.schemas.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * Walks a log export in position order, recomputing every leaf hash and chain link, and finds the first position
 * where the log is broken. Also builds the Merkle tree over the recomputed leaves, so that the caller can compare its
 * root with a signed tree head (which catches what a consistent rewrite of the chain would hide). Not thread-safe:
 * one instance per walk.
 */
public final class AuditLogCheck {

    /** How the log is broken at a position. */
    public enum Problem {
        /** An entry is missing: the export skips this position. */
        MISSING,
        /** Positions go backwards or repeat: entries were moved or duplicated. */
        OUT_OF_ORDER,
        /** The stored leaf hash is not the hash of the entry's content at this position. */
        ALTERED,
        /** The entry's prevHash is not the leaf hash of the entry before it. */
        CHAIN_BROKEN,
        /** The export ends before the size of the signed tree head. */
        TRUNCATED
    }

    /**
     * Where and how the log is first broken.
     *
     * @param position the first broken position
     * @param problem what is wrong there
     */
    public record Break(long position, Problem problem) {}

    private final MerkleTree tree = new MerkleTree();
    private long expected;
    private Sha256Hash previousLeaf = AuditHashing.GENESIS;
    private Break firstBreak;

    /** Checks the next entry of the export. */
    public void accept(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        if (entry.position() > expected) {
            report(expected, Problem.MISSING);
            expected = entry.position(); // judge what follows by its own position, not by the gap
        } else if (entry.position() < expected) {
            report(expected, Problem.OUT_OF_ORDER);
        }
        Sha256Hash computed = entry.computedLeafHash();
        if (!computed.equals(entry.leafHash())) {
            report(entry.position(), Problem.ALTERED);
        } else if (!entry.prevHash().equals(previousLeaf)) {
            report(entry.position(), Problem.CHAIN_BROKEN);
        }
        tree.append(computed);
        previousLeaf = computed;
        expected++;
    }

    /** Reports a truncation if fewer than {@code treeSize} entries were accepted. */
    public void expectAtLeast(long treeSize) {
        if (expected < treeSize) {
            report(expected, Problem.TRUNCATED);
        }
    }

    /** The first break found so far, if any. */
    public Optional<Break> firstBreak() {
        return Optional.ofNullable(firstBreak);
    }

    /** Number of entries accepted. */
    public long size() {
        return tree.size();
    }

    /**
     * Merkle root over the recomputed leaves of the first {@code treeSize} entries accepted; empty when fewer were
     * accepted.
     */
    public Optional<Sha256Hash> root(long treeSize) {
        return treeSize <= tree.size() ? Optional.of(tree.root(treeSize)) : Optional.empty();
    }

    private void report(long position, Problem problem) {
        if (firstBreak == null || position < firstBreak.position()) {
            firstBreak = new Break(position, problem);
        }
    }
}
