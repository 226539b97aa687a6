package io.signet.audit.ingest;

import io.signet.schemas.audit.AuditEntry;
import io.signet.schemas.audit.AuditHashing;
import io.signet.schemas.audit.AuditRecord;
import io.signet.schemas.audit.Sha256Hash;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * The single appender of the audit log. In one transaction it takes the appender lock (a PostgreSQL advisory lock,
 * so at most one appender works at a time across threads and service instances), reads the tail, drops events that
 * are logged already (a redelivered or replayed event adds nothing), chains the rest in memory and loads them with
 * one COPY. Positions are therefore gapless and the chain has a single writer. Thread-safe (the lock serialises).
 */
public final class AuditAppender {

    /** Key of the appender's advisory lock: "SIGNETAU" in ASCII. */
    static final long APPENDER_LOCK = 0x5349474e45544155L;

    private final Jdbi jdbi;
    private final List<AppendedEntries> listeners;

    public AuditAppender(Jdbi jdbi, List<AppendedEntries> listeners) {
        this.jdbi = jdbi;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Appends the records whose event ids are not in the log yet, in the given order.
     *
     * @return the entries appended (empty if all were duplicates)
     */
    public List<AuditEntry> append(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        List<AuditEntry> appended = jdbi.inTransaction(handle -> {
            AppendDao dao = handle.attach(AppendDao.class);
            dao.lockAppender(APPENDER_LOCK);
            String[] ids = records.stream().map(AuditRecord::eventId).toArray(String[]::new);
            Set<String> seen = new HashSet<>(dao.existingEventIds(ids));
            AppendDao.Tail tail = dao.tail().orElse(null);
            long position = tail == null ? 0 : tail.position() + 1;
            Sha256Hash prev = tail == null ? AuditHashing.GENESIS : new Sha256Hash(tail.leafHash());
            List<AuditEntry> entries = new ArrayList<>(records.size());
            for (AuditRecord record : records) {
                if (!seen.add(record.eventId())) {
                    continue;
                }
                AuditEntry entry = AuditEntry.chain(position++, prev, record);
                entries.add(entry);
                prev = entry.leafHash();
            }
            if (!entries.isEmpty()) {
                EntryCopy.copy(handle.getConnection(), entries);
            }
            return entries;
        });
        if (!appended.isEmpty()) {
            listeners.forEach(listener -> listener.appended(appended));
        }
        return appended;
    }
}
