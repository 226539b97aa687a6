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

    @SqlUpdate("insert into outbox (event_id, event_type, subject, occurred_at, payload, traceparent)"
            + " values (:eventId, :eventType, :subject, :occurredAt, :payload, :traceparent)")
    void insert(
            @Bind("eventId") String eventId,
            @Bind("eventType") String eventType,
            @Bind("subject") String subject,
            @Bind("occurredAt") Instant occurredAt,
            @Bind("payload") String payload,
            @Bind("traceparent") String traceparent);

    /**
     * Claims the oldest rows nobody holds a lease on, for {@code leaseMillis}; rows another instance is claiming at
     * this moment are skipped. In no particular order.
     */
    @SqlQuery("update outbox o set claimed_until = now() + :leaseMillis * interval '1 millisecond'"
            + " where o.seq in (select seq from outbox where claimed_until is null or claimed_until <= now()"
            + " order by seq limit :limit for update skip locked)"
            + " returning o.seq, o.event_id, o.event_type, o.subject, o.occurred_at, o.payload, o.traceparent")
    List<OutboxRow> claimOldest(@Bind("limit") int limit, @Bind("leaseMillis") long leaseMillis);

    /** Gives claimed rows back at once, for the next run (the broker did not take them). */
    @SqlUpdate("update outbox set claimed_until = null where seq = any(:seqs)")
    void release(@Bind("seqs") long[] seqs);

    @SqlUpdate("delete from outbox where seq = any(:seqs)")
    int delete(@Bind("seqs") long[] seqs);

    @SqlQuery("select count(*) from outbox")
    int count();

    /** Rows under a lease now. */
    @SqlQuery("select count(*) from outbox where claimed_until > now()")
    int claimed();
}
