package io.signet.audit.merkle;

import io.signet.audit.ingest.AppendedEntries;
import io.signet.audit.ingest.AuditEntryDao;
import io.signet.schemas.audit.AuditEntry;
import io.signet.schemas.audit.MerkleTree;
import io.signet.schemas.audit.Sha256Hash;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Merkle tree over the log's stored leaf hashes, kept in memory so that roots and proofs cost O(log n) hashes
 * instead of a table scan. Loaded from the database at start, extended by the appender after each commit, and caught
 * up from the database whenever it sees a gap (another instance appended). Thread-safe: a read-write lock lets
 * proofs run in parallel with each other but not with an append.
 */
public final class AuditTree implements AppendedEntries {

    private static final Logger LOG = LoggerFactory.getLogger(AuditTree.class);
    private static final int LOAD_CHUNK = 100_000;

    private final Jdbi jdbi;
    private final MerkleTree tree = new MerkleTree();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    public AuditTree(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Loads every leaf hash the database holds beyond what the tree has. */
    public void catchUp() {
        lock.writeLock().lock();
        try {
            long before = tree.size();
            long end = jdbi.onDemand(AuditEntryDao.class).size();
            while (tree.size() < end) {
                long from = tree.size();
                List<byte[]> leaves =
                        jdbi.onDemand(AuditEntryDao.class).leafHashes(from, Math.min(end, from + LOAD_CHUNK));
                if (leaves.isEmpty()) {
                    break; // a gap in positions: only possible if rows were removed behind the log's back
                }
                leaves.forEach(leaf -> tree.append(new Sha256Hash(leaf)));
            }
            if (tree.size() > before) {
                LOG.info("audit tree at {} entries ({} loaded)", tree.size(), tree.size() - before);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void appended(List<AuditEntry> entries) {
        boolean contiguous;
        lock.writeLock().lock();
        try {
            contiguous = entries.getFirst().position() == tree.size();
            if (contiguous) {
                entries.forEach(entry -> tree.append(entry.leafHash()));
            }
        } finally {
            lock.writeLock().unlock();
        }
        if (!contiguous) {
            catchUp();
        }
    }

    /** Number of leaves. */
    public long size() {
        return read(MerkleTree::size);
    }

    /** Root of the first {@code treeSize} leaves. */
    public Sha256Hash root(long treeSize) {
        return read(t -> t.root(treeSize));
    }

    /** Size and root read together, consistent with each other. */
    public Snapshot snapshot() {
        return read(t -> new Snapshot(t.size(), t.root()));
    }

    /** Inclusion proof of leaf {@code index} in the tree of {@code treeSize} leaves. */
    public List<Sha256Hash> inclusionProof(long index, long treeSize) {
        return read(t -> t.inclusionProof(index, treeSize));
    }

    /** Consistency proof between the trees of {@code first} and {@code second} leaves. */
    public List<Sha256Hash> consistencyProof(long first, long second) {
        return read(t -> t.consistencyProof(first, second));
    }

    private <T> T read(Function<MerkleTree, T> operation) {
        lock.readLock().lock();
        try {
            return operation.apply(tree);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The tree's size and root at one moment.
     *
     * @param size number of leaves
     * @param root their Merkle root
     */
    public record Snapshot(long size, Sha256Hash root) {}
}
