package io.signet.audit.ingest;

import io.signet.schemas.audit.AuditEntry;
import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * {@code audit.audit_entry}: read (appending is a COPY, see EntryCopy, with {@link AppendDao}); the table refuses
 * UPDATE and DELETE.
 */
@RegisterRowMapper(AuditEntryMapper.class)
public interface AuditEntryDao {

    /** Up to {@code limit} entries from {@code position} on, in log order. */
    @SqlQuery("select * from audit_entry where position >= :from order by position limit :limit")
    List<AuditEntry> page(@Bind("from") long fromPosition, @Bind("limit") int limit);

    /** Up to {@code limit} entries with {@code start <= time < end} from {@code position} on, in log order. */
    @SqlQuery("select * from audit_entry where event_time >= :start and event_time < :end and position >= :from"
            + " order by position limit :limit")
    List<AuditEntry> pageInTime(
            @Bind("start") OffsetDateTime start,
            @Bind("end") OffsetDateTime end,
            @Bind("from") long fromPosition,
            @Bind("limit") int limit);

    /** Like {@link #page}, only the entries of one signer (pseudonymous id). */
    @SqlQuery(
            "select * from audit_entry where signer_id = :signer and position >= :from order by position limit :limit")
    List<AuditEntry> pageOfSigner(
            @Bind("signer") String signerId, @Bind("from") long fromPosition, @Bind("limit") int limit);

    /** Like {@link #pageInTime}, only the entries of one signer (pseudonymous id). */
    @SqlQuery("select * from audit_entry where signer_id = :signer and event_time >= :start and event_time < :end"
            + " and position >= :from order by position limit :limit")
    List<AuditEntry> pageOfSignerInTime(
            @Bind("signer") String signerId,
            @Bind("start") OffsetDateTime start,
            @Bind("end") OffsetDateTime end,
            @Bind("from") long fromPosition,
            @Bind("limit") int limit);

    /** The entries of one transaction, in log order. */
    @SqlQuery("select * from audit_entry where signature_id = :signatureId order by position")
    List<AuditEntry> ofTransaction(@Bind("signatureId") String signatureId);

    /** Leaf hashes of positions {@code from <= position < to}, in order. */
    @SqlQuery("select leaf_hash from audit_entry where position >= :from and position < :to order by position")
    List<byte[]> leafHashes(@Bind("from") long from, @Bind("to") long to);

    /** Number of entries (the next position, as positions are gapless). */
    @SqlQuery("select coalesce(max(position) + 1, 0) from audit_entry")
    long size();
}
