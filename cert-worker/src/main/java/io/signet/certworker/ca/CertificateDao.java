package io.signet.certworker.ca;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * {@code certs.certificate} and its history {@code certs.certificate_status}. The one-time certificates' hot path has
 * its own small DAO, {@link OneTimeCertificateDao}.
 */
@RegisterConstructorMapper(CertificateRecord.class)
public interface CertificateDao {

    String COLUMNS = "id, serial, kind, subject_id, pseudonym, not_before, not_after, status, status_message,"
            + " revocation_reason, status_changed_at";

    String INSERT = "insert into certificate (id, serial, kind, request_id, signature_id, subject_id, pseudonym,"
            + " scd_type, scd_remote_id, scd_key_id, der, not_before, not_after) values (:id, :serial, :kind,"
            + " :requestId, :signatureId, :subjectId, :pseudonym, :scdType, :scdRemoteId, :scdKeyId, :der, :notBefore,"
            + " :notAfter)";

    /** Inserts one certificate; a duplicate pseudonym fails with a unique violation. */
    @SqlUpdate(INSERT)
    void insert(@BindMethods NewCertificate row);

    @SqlQuery("select " + COLUMNS + " from certificate where serial = :serial")
    Optional<CertificateRecord> findBySerial(@Bind("serial") String serial);

    @SqlQuery("select " + COLUMNS + " from certificate where id = :id")
    Optional<CertificateRecord> findById(@Bind("id") String id);

    @SqlQuery("select " + COLUMNS + " from certificate where subject_id = :subjectId and kind = 'SCD'"
            + " order by created_at")
    List<CertificateRecord> findScdBySubject(@Bind("subjectId") String subjectId);

    @SqlQuery("select der from certificate where id = :id")
    Optional<byte[]> der(@Bind("id") String id);

    /** Every certificate a CRL must list: revoked or on hold. */
    @SqlQuery("select " + COLUMNS + " from certificate where status <> 'ACTIVE' order by status_changed_at")
    List<CertificateRecord> findUnreleased();

    /**
     * Revokes, as superseded, the active one-time certificates of these sign requests other than {@code keep} (the
     * ones their completions used), records the change in the history, and returns what it revoked; one statement.
     */
    @SqlQuery("with revoked as (update certificate set status = 'REVOKED', revocation_reason = 4,"
            + " status_changed_at = :at, status_message = 'superseded: the sign request was redone with a new key'"
            + " where kind = 'ONE_TIME' and status = 'ACTIVE' and signature_id in (<signatureIds>)"
            + " and id not in (<keep>) returning " + COLUMNS + "),"
            + " history as (insert into certificate_status (certificate_id, status, message, reason, changed_by,"
            + " changed_at) select id, status, status_message, revocation_reason, :by, :at from revoked)"
            + " select * from revoked")
    List<CertificateRecord> revokeSuperseded(
            @BindList("signatureIds") Collection<String> signatureIds,
            @BindList("keep") Collection<String> keep,
            @Bind("by") String by,
            @Bind("at") Instant at);

    /**
     * Revokes, as {@code cessationOfOperation}, every active one-time certificate of these sign requests (they ended
     * without a signature the relying party receives), records the change in the history with {@code message}, and
     * returns what it revoked.
     */
    @SqlQuery("with revoked as (update certificate set status = 'REVOKED', revocation_reason = 5,"
            + " status_changed_at = :at, status_message = :message where kind = 'ONE_TIME' and status = 'ACTIVE'"
            + " and signature_id in (<signatureIds>) returning " + COLUMNS + "),"
            + " history as (insert into certificate_status (certificate_id, status, message, reason, changed_by,"
            + " changed_at) select id, status, status_message, revocation_reason, :by, :at from revoked)"
            + " select * from revoked")
    List<CertificateRecord> revokeAllActiveOf(
            @BindList("signatureIds") Collection<String> signatureIds,
            @Bind("message") String message,
            @Bind("by") String by,
            @Bind("at") Instant at);

    /** Which of these sign requests have more than one active one-time certificate (usually none). */
    @SqlQuery("select signature_id from certificate where kind = 'ONE_TIME' and status = 'ACTIVE'"
            + " and signature_id in (<signatureIds>) group by signature_id having count(*) > 1")
    List<String> signaturesWithSeveralActive(@BindList("signatureIds") Collection<String> signatureIds);

    /** Compare-and-set of the status; 0 rows means someone else changed it first. */
    @SqlUpdate("update certificate set status = :status, status_message = :message, revocation_reason = :reason,"
            + " status_changed_at = :changedAt where id = :id and status = :expected")
    int changeStatus(
            @Bind("id") String id,
            @Bind("expected") CertificateStatus expected,
            @Bind("status") CertificateStatus status,
            @Bind("message") String message,
            @Bind("reason") Integer reason,
            @Bind("changedAt") Instant changedAt);

    @SqlUpdate("insert into certificate_status (certificate_id, status, message, reason, changed_by, changed_at)"
            + " values (:id, :status, :message, :reason, :changedBy, :changedAt)")
    void recordStatus(
            @Bind("id") String id,
            @Bind("status") String status,
            @Bind("message") String message,
            @Bind("reason") Integer reason,
            @Bind("changedBy") String changedBy,
            @Bind("changedAt") Instant changedAt);
}
