package io.signet.audit.ingest;

import io.signet.schemas.Base64Bytes;
import io.signet.schemas.audit.AuditEntry;
import io.signet.schemas.audit.Sha256Hash;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Reads a row of {@code audit.audit_entry} as it is stored, hashes included and not recomputed, so that what a
 * verifier sees is what the table holds. A digest of the wrong length (possible only after tampering) is kept as
 * found where the types allow, so the verifier can report it instead of the reader failing.
 */
public final class AuditEntryMapper implements RowMapper<AuditEntry> {

    @Override
    public AuditEntry map(ResultSet rs, StatementContext ctx) throws SQLException {
        byte[] digest = rs.getBytes("document_digest");
        byte[] thumbprint = rs.getBytes("certificate_thumbprint");
        return new AuditEntry(
                rs.getLong("position"),
                rs.getString("event_id"),
                rs.getString("event_type"),
                rs.getString("source"),
                rs.getObject("event_time", OffsetDateTime.class).toInstant(),
                rs.getString("signature_id"),
                rs.getString("rp_id"),
                rs.getString("signer_id"),
                rs.getString("digest_algorithm"),
                digest == null || digest.length == 0 ? null : Base64Bytes.of(digest),
                thumbprint == null ? null : new Sha256Hash(thumbprint),
                rs.getString("key_id"),
                rs.getString("status"),
                rs.getString("detail"),
                rs.getString("trace_id"),
                new Sha256Hash(rs.getBytes("prev_hash")),
                new Sha256Hash(rs.getBytes("leaf_hash")));
    }
}
