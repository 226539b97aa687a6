package io.signet.audit.ingest;

import io.signet.schemas.audit.AuditEntry;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** An {@link AuditEntry} in the column types of {@code audit.audit_entry}, for binding. */
public record EntryRow(
        long position,
        String eventId,
        String eventType,
        String source,
        OffsetDateTime eventTime,
        String signatureId,
        String rpId,
        String signerId,
        String digestAlgorithm,
        byte[] documentDigest,
        byte[] certificateThumbprint,
        String keyId,
        String status,
        String detail,
        String traceId,
        byte[] prevHash,
        byte[] leafHash) {

    static EntryRow of(AuditEntry e) {
        return new EntryRow(
                e.position(),
                e.eventId(),
                e.eventType(),
                e.source(),
                e.time().atOffset(ZoneOffset.UTC),
                e.signatureId(),
                e.rpId(),
                e.signerId(),
                e.digestAlgorithm(),
                e.documentDigest() == null ? null : e.documentDigest().bytes(),
                e.certificateThumbprint() == null
                        ? null
                        : e.certificateThumbprint().bytes(),
                e.keyId(),
                e.status(),
                e.detail(),
                e.traceId(),
                e.prevHash().bytes(),
                e.leafHash().bytes());
    }
}
