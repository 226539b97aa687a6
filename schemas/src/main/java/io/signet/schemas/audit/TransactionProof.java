package io.signet.schemas.audit;

import java.util.List;
import java.util.Objects;

/**
 * The audit proof of one transaction ({@code GET /v1/audit/proof/{signatureId}}): every entry of the signatureId that
 * the head covers, each with its inclusion proof against that head.
 *
 * @param signatureId the transaction
 * @param head the signed tree head the proofs lead to
 * @param entries the transaction's entries in log order, with their audit paths
 */
public record TransactionProof(String signatureId, SignedTreeHead head, List<EntryProof> entries) {

    public TransactionProof {
        Objects.requireNonNull(signatureId, "signatureId");
        Objects.requireNonNull(head, "head");
        entries = List.copyOf(entries);
    }

    /**
     * One entry and its inclusion proof.
     *
     * @param entry the entry as stored
     * @param auditPath RFC 9162 inclusion proof of {@code entry.position()} in the tree of {@code head.treeSize()}
     */
    public record EntryProof(AuditEntry entry, List<Sha256Hash> auditPath) {

        public EntryProof {
            Objects.requireNonNull(entry, "entry");
            auditPath = List.copyOf(auditPath);
        }
    }
}
