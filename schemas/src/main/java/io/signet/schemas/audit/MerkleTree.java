package io.signet.schemas.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An append-only Merkle tree over leaf hashes, as RFC 9162 section 2.1 defines it: the root of {@code n > 1} leaves is
 * {@code node(MTH(D[0:k]), MTH(D[k:n]))} with {@code k} the largest power of two below {@code n}. Gives the root at
 * any earlier size, inclusion proofs and consistency proofs.
 *
 * <p>Every complete, aligned subtree hash is kept (level {@code h} holds the hashes of leaves {@code [i*2^h,
 * (i+1)*2^h)}), so a root or proof costs O(log n) node hashes; memory is about 64 bytes per leaf. Not thread-safe:
 * callers that append and read from several threads guard it with a read-write lock.
 */
public final class MerkleTree {

    // levels.get(h) holds 32-byte hashes back to back; only complete subtrees are stored.
    private final List<HashArray> levels = new ArrayList<>();

    public MerkleTree() {
        levels.add(new HashArray());
    }

    /** A tree over {@code leaves}, in order. */
    public static MerkleTree of(List<Sha256Hash> leaves) {
        MerkleTree tree = new MerkleTree();
        leaves.forEach(tree::append);
        return tree;
    }

    /** Number of leaves. */
    public long size() {
        return levels.getFirst().size();
    }

    /** Appends a leaf hash (for the audit log: {@link AuditEntry#leafHash()}). */
    public void append(Sha256Hash leaf) {
        levels.getFirst().add(leaf.bytes());
        long index = size() - 1;
        int level = 0;
        // Each time the new node closes a pair, the pair's parent is complete too.
        while ((index & 1) == 1) {
            HashArray below = levels.get(level);
            byte[] parent = AuditHashing.nodeHash(below.get(index - 1), below.get(index))
                    .bytes();
            if (levels.size() == level + 1) {
                levels.add(new HashArray());
            }
            levels.get(level + 1).add(parent);
            index >>= 1;
            level++;
        }
    }

    /** The leaf at {@code index}. */
    public Sha256Hash leaf(long index) {
        checkIndex(index, size());
        return levels.getFirst().get(index);
    }

    /** The root of the first {@code treeSize} leaves (the empty-tree hash for 0). */
    public Sha256Hash root(long treeSize) {
        checkSize(treeSize);
        return treeSize == 0 ? AuditHashing.emptyRoot() : subtree(0, treeSize);
    }

    /** The root over all leaves. */
    public Sha256Hash root() {
        return root(size());
    }

    /** The audit path of leaf {@code index} in the tree of the first {@code treeSize} leaves (RFC 9162 2.1.3.1). */
    public List<Sha256Hash> inclusionProof(long index, long treeSize) {
        checkSize(treeSize);
        checkIndex(index, treeSize);
        List<Sha256Hash> path = new ArrayList<>();
        path(index, 0, treeSize, path);
        return path;
    }

    /** The consistency proof from the tree of {@code first} leaves to that of {@code second} (RFC 9162 2.1.4.1). */
    public List<Sha256Hash> consistencyProof(long first, long second) {
        checkSize(second);
        if (first < 0 || first > second) {
            throw new IllegalArgumentException("need 0 <= first <= second");
        }
        List<Sha256Hash> proof = new ArrayList<>();
        if (first > 0 && first < second) {
            subproof(first, 0, second, true, proof);
        }
        return proof;
    }

    // PATH(m, D[start:end]): the proof is built leaf-side first, hence appending after the recursion.
    private void path(long m, long start, long end, List<Sha256Hash> out) {
        long n = end - start;
        if (n == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(m, start, start + k, out);
            out.add(subtree(start + k, end));
        } else {
            path(m - k, start + k, end, out);
            out.add(subtree(start, start + k));
        }
    }

    // SUBPROOF(m, D[start:end], b)
    private void subproof(long m, long start, long end, boolean complete, List<Sha256Hash> out) {
        long n = end - start;
        if (m == n) {
            if (!complete) {
                out.add(subtree(start, end));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, start, start + k, complete, out);
            out.add(subtree(start + k, end));
        } else {
            subproof(m - k, start + k, end, false, out);
            out.add(subtree(start, start + k));
        }
    }

    // MTH(D[start:end]); the RFC's recursion only ever asks for ranges whose start is a multiple of the largest power
    // of two not above their length, so each complete part is found in the cache.
    private Sha256Hash subtree(long start, long end) {
        long n = end - start;
        if (Long.bitCount(n) == 1 && start % n == 0) {
            int level = Long.numberOfTrailingZeros(n);
            return levels.get(level).get(start >> level);
        }
        long k = largestPowerOfTwoBelow(n);
        return AuditHashing.nodeHash(subtree(start, start + k), subtree(start + k, end));
    }

    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    private void checkSize(long treeSize) {
        if (treeSize < 0 || treeSize > size()) {
            throw new IllegalArgumentException("tree size " + treeSize + " outside 0.." + size());
        }
    }

    private static void checkIndex(long index, long treeSize) {
        if (index < 0 || index >= treeSize) {
            throw new IllegalArgumentException("leaf index " + index + " outside 0.." + (treeSize - 1));
        }
    }

    /** A growable array of 32-byte hashes, without an object per hash. */
    private static final class HashArray {
        private byte[] data = new byte[Sha256Hash.LENGTH * 1024];
        private long size;

        long size() {
            return size;
        }

        void add(byte[] hash) {
            long offset = size * Sha256Hash.LENGTH;
            if (offset + Sha256Hash.LENGTH > data.length) {
                long grown = Math.min((long) data.length * 2, Integer.MAX_VALUE - 8);
                if (grown < offset + Sha256Hash.LENGTH) {
                    throw new IllegalStateException("Merkle tree level is full");
                }
                data = Arrays.copyOf(data, (int) grown);
            }
            System.arraycopy(hash, 0, data, (int) offset, Sha256Hash.LENGTH);
            size++;
        }

        Sha256Hash get(long index) {
            int offset = (int) (index * Sha256Hash.LENGTH);
            return new Sha256Hash(Arrays.copyOfRange(data, offset, offset + Sha256Hash.LENGTH));
        }
    }
}
