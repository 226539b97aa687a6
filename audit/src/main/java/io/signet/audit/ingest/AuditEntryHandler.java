package io.signet.audit.ingest;

import io.signet.schemas.CloudEventEnvelope;
import io.signet.schemas.audit.AuditEntry;
import io.signet.schemas.audit.AuditRecords;
import java.util.List;

/** The use case "audit these events": derive each event's record (the shared derivation) and append them. */
public final class AuditEntryHandler {

    private final AuditRecords records;
    private final AuditAppender appender;

    public AuditEntryHandler(AuditRecords records, AuditAppender appender) {
        this.records = records;
        this.appender = appender;
    }

    /** Audits {@code events} in order; events already in the log are skipped. */
    public List<AuditEntry> handle(List<CloudEventEnvelope<?>> events) {
        return appender.append(events.stream().map(records::derive).toList());
    }
}
