package io.signet.schemas.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * Verification of RFC 9162 inclusion and consistency proofs (sections 2.1.3.2 and 2.1.4.2), for anyone who holds a
 * root hash they trust (from a signed tree head) and not the tree. Stateless and thread-safe.
 */
public final class MerkleProofs {

    private MerkleProofs() {}

    /** Whether {@code leaf} is at {@code index} of the tree of {@code treeSize} leaves whose root is {@code root}. */
    public static boolean verifyInclusion(
            long index, long treeSize, Sha256Hash leaf, List<Sha256Hash> path, Sha256Hash root) {
        if (index < 0 || index >= treeSize) {
            return false;
        }
        long fn = index;
        long sn = treeSize - 1;
        Sha256Hash r = leaf;
        for (Sha256Hash p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = AuditHashing.nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = AuditHashing.nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && r.equals(root);
    }

    /**
     * Whether the tree of {@code second} leaves with root {@code secondRoot} extends the tree of {@code first} leaves
     * with root {@code firstRoot}: nothing in the first tree was changed, removed or reordered.
     */
    public static boolean verifyConsistency(
            long first, long second, Sha256Hash firstRoot, Sha256Hash secondRoot, List<Sha256Hash> proof) {
        if (first < 0 || first > second) {
            return false;
        }
        if (first == second) {
            return proof.isEmpty() && firstRoot.equals(secondRoot);
        }
        if (first == 0) {
            // Every tree extends the empty one; the proof is empty.
            return proof.isEmpty() && firstRoot.equals(AuditHashing.emptyRoot());
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<Sha256Hash> path = new ArrayList<>(proof);
        if (Long.bitCount(first) == 1) {
            path.addFirst(firstRoot);
        }
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        Sha256Hash fr = path.getFirst();
        Sha256Hash sr = path.getFirst();
        for (Sha256Hash c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = AuditHashing.nodeHash(c, fr);
                sr = AuditHashing.nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = AuditHashing.nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return fr.equals(firstRoot) && sr.equals(secondRoot) && sn == 0;
    }
}
