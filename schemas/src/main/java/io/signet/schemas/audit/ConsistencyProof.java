package io.signet.schemas.audit;

import java.util.List;
import java.util.Objects;

/**
 * Proof that the log of {@code second} entries extends the log of {@code first} entries ({@code GET
 * /v1/audit/consistency?first=&second=}); check it with {@link MerkleProofs#verifyConsistency} against the roots of two
 * signed heads.
 *
 * @param first size of the older tree
 * @param second size of the newer tree
 * @param firstRoot root of the older tree
 * @param secondRoot root of the newer tree
 * @param proof RFC 9162 consistency proof
 */
public record ConsistencyProof(
        long first, long second, Sha256Hash firstRoot, Sha256Hash secondRoot, List<Sha256Hash> proof) {

    public ConsistencyProof {
        Objects.requireNonNull(firstRoot, "firstRoot");
        Objects.requireNonNull(secondRoot, "secondRoot");
        proof = List.copyOf(proof);
    }

    /** Whether the proof holds for its own roots (the caller still compares them with signed heads). */
    public boolean verifies() {
        return MerkleProofs.verifyConsistency(first, second, firstRoot, secondRoot, proof);
    }
}
