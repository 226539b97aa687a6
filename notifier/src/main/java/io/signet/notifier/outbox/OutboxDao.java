package io.signet.notifier.outbox;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Table {@code notify.outbox}. */
@RegisterConstructorMapper(OutboxRow.class)
public interface OutboxDao {

    @SqlUpdate("insert into outbox (event_id, event_type, subject, occurred_at, payload)"
            + " values (:eventId, :eventType, :subject, :occurredAt, :payload)")
    void insert(
            @Bind("eventId") String eventId,
            @Bind("eventType") String eventType,
            @Bind("subject") String subject,
            @Bind("occurredAt") Instant occurredAt,
            @Bind("payload") String payload);

    /** The oldest rows, locked for this transaction; rows another instance is relaying are skipped. */
    @SqlQuery("select seq, event_id, event_type, subject, occurred_at, payload from outbox"
            + " order by seq limit :limit for update skip locked")
    List<OutboxRow> lockOldest(@Bind("limit") int limit);

    @SqlUpdate("delete from outbox where seq = any(:seqs)")
    int delete(@Bind("seqs") long[] seqs);

    @SqlQuery("select count(*) from outbox")
    int count();
}
