package io.signet.schemas.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    private static final int MAX = 40;

    private static List<Sha256Hash> leaves(int n) {
        List<Sha256Hash> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves.add(Sha256Hash.digest(("leaf " + i).getBytes(StandardCharsets.UTF_8)));
        }
        return leaves;
    }

    // RFC 9162 2.1.1 written down literally, as the reference the cached tree must agree with.
    private static Sha256Hash referenceRoot(List<Sha256Hash> d) {
        if (d.isEmpty()) {
            return Sha256Hash.digest(new byte[0]);
        }
        if (d.size() == 1) {
            return d.getFirst();
        }
        int k = Integer.highestOneBit(d.size() - 1);
        return AuditHashing.nodeHash(referenceRoot(d.subList(0, k)), referenceRoot(d.subList(k, d.size())));
    }

    @Test
    void rootsAtEverySizeMatchTheRfcDefinition() {
        List<Sha256Hash> leaves = leaves(MAX);
        MerkleTree tree = MerkleTree.of(leaves);
        for (int n = 0; n <= MAX; n++) {
            assertThat(tree.root(n)).as("size %d", n).isEqualTo(referenceRoot(leaves.subList(0, n)));
        }
    }

    @Test
    void twoLeavesAreOneNodeOverBoth() {
        List<Sha256Hash> leaves = leaves(2);
        assertThat(MerkleTree.of(leaves).root()).isEqualTo(AuditHashing.nodeHash(leaves.get(0), leaves.get(1)));
    }

    @Test
    void everyInclusionProofVerifiesAndFailsForAnotherLeafOrRoot() {
        List<Sha256Hash> leaves = leaves(MAX);
        MerkleTree tree = MerkleTree.of(leaves);
        Sha256Hash stranger = Sha256Hash.digest(new byte[] {42});
        for (int n = 1; n <= MAX; n++) {
            Sha256Hash root = tree.root(n);
            for (int i = 0; i < n; i++) {
                List<Sha256Hash> path = tree.inclusionProof(i, n);
                assertThat(MerkleProofs.verifyInclusion(i, n, leaves.get(i), path, root))
                        .as("leaf %d of %d", i, n)
                        .isTrue();
                assertThat(MerkleProofs.verifyInclusion(i, n, stranger, path, root))
                        .isFalse();
                assertThat(MerkleProofs.verifyInclusion(i, n, leaves.get(i), path, stranger))
                        .isFalse();
                if (n > 1) {
                    assertThat(MerkleProofs.verifyInclusion((i + 1) % n, n, leaves.get(i), path, root))
                            .isFalse();
                }
            }
        }
    }

    @Test
    void everyConsistencyProofVerifiesAndFailsWhenTheOldTreeWasRewritten() {
        List<Sha256Hash> leaves = leaves(MAX);
        MerkleTree tree = MerkleTree.of(leaves);
        for (int n = 1; n <= MAX; n++) {
            for (int m = 0; m <= n; m++) {
                List<Sha256Hash> proof = tree.consistencyProof(m, n);
                assertThat(MerkleProofs.verifyConsistency(m, n, tree.root(m), tree.root(n), proof))
                        .as("%d -> %d", m, n)
                        .isTrue();
                if (m > 0 && m < n) {
                    List<Sha256Hash> rewritten = new ArrayList<>(leaves.subList(0, n));
                    rewritten.set(m - 1, Sha256Hash.digest(new byte[] {7}));
                    Sha256Hash forgedOldRoot = referenceRoot(rewritten.subList(0, m));
                    assertThat(MerkleProofs.verifyConsistency(m, n, forgedOldRoot, tree.root(n), proof))
                            .isFalse();
                    assertThat(MerkleProofs.verifyConsistency(m, n, tree.root(m), referenceRoot(rewritten), proof))
                            .isFalse();
                }
            }
        }
    }
}
