package io.signet.schemas.audit;

import io.signet.schemas.Base64Bytes;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the append-only audit log: an {@link AuditRecord} at a position, linked to its predecessor. This is
 * the row of {@code audit.audit_entry}, the element of the log export and what the offline verifier checks.
 *
 * <p>{@code leafHash = SHA-256(0x00 || canonical(position, prevHash, record))} (see {@link AuditHashing}); it is the
 * entry's leaf in the Merkle tree and the next entry's {@code prevHash}. The first entry's {@code prevHash} is {@link
 * AuditHashing#GENESIS}.
 *
 * @param position gapless 0-based position in the log, assigned by the single appender
 * @param prevHash leaf hash of the entry at {@code position - 1}
 * @param leafHash this entry's leaf hash, as stored (a verifier recomputes it)
 */
public record AuditEntry(
        long position,
        String eventId,
        String eventType,
        String source,
        Instant time,
        String signatureId,
        String rpId,
        String signerId,
        String digestAlgorithm,
        Base64Bytes documentDigest,
        Sha256Hash certificateThumbprint,
        String keyId,
        String status,
        String detail,
        String traceId,
        Sha256Hash prevHash,
        Sha256Hash leafHash) {

    public AuditEntry {
        if (position < 0) {
            throw new IllegalArgumentException("position must not be negative");
        }
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(leafHash, "leafHash");
    }

    /** The entry for {@code record} at {@code position} after {@code prevHash}, with its leaf hash computed. */
    public static AuditEntry chain(long position, Sha256Hash prevHash, AuditRecord record) {
        return of(position, prevHash, record, AuditHashing.leafHash(position, prevHash, record));
    }

    /** An entry with a given (stored, not recomputed) leaf hash, e.g. as read from the database. */
    public static AuditEntry of(long position, Sha256Hash prevHash, AuditRecord record, Sha256Hash leafHash) {
        return new AuditEntry(
                position,
                record.eventId(),
                record.eventType(),
                record.source(),
                record.time(),
                record.signatureId(),
                record.rpId(),
                record.signerId(),
                record.digestAlgorithm(),
                record.documentDigest(),
                record.certificateThumbprint(),
                record.keyId(),
                record.status(),
                record.detail(),
                record.traceId(),
                prevHash,
                leafHash);
    }

    /** The record this entry holds. */
    public AuditRecord record() {
        return new AuditRecord(
                eventId,
                eventType,
                source,
                time,
                signatureId,
                rpId,
                signerId,
                digestAlgorithm,
                documentDigest,
                certificateThumbprint,
                keyId,
                status,
                detail,
                traceId);
    }

    /** The leaf hash recomputed from the content, position and prevHash (equal to {@link #leafHash} if untouched). */
    public Sha256Hash computedLeafHash() {
        return AuditHashing.leafHash(position, prevHash, record());
    }
}
