/**
 * The audit log's contract, shared by the audit service and the offline verifier and replay: what an audit entry is
 * derived from an event ({@link io.signet.schemas.audit.AuditRecords}), its canonical encoding and leaf/chain hashing
 * ({@link io.signet.schemas.audit.AuditHashing}), the RFC 9162 Merkle tree and proof verification ({@link
 * io.signet.schemas.audit.MerkleTree}, {@link io.signet.schemas.audit.MerkleProofs}), signed tree heads and the JSON
 * export ({@link io.signet.schemas.audit.AuditExport}). Plain Java: no Spring, no database.
 */
package io.signet.schemas.audit;
