package io.signet.audit.ingest;

import io.signet.schemas.audit.AuditEntry;
import java.util.List;

/** Told about entries right after their transaction committed (the Merkle tree and the head maker listen). */
public interface AppendedEntries {

    /** {@code entries} are committed, in position order; never empty. Called on the appending thread. */
    void appended(List<AuditEntry> entries);
}
