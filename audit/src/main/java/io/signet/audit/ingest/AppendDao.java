package io.signet.audit.ingest;

import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * What {@link AuditAppender} asks before each COPY. Apart from {@link AuditEntryDao} because Jdbi prepares every method
 * of a DAO on each {@code attach}, and the appender attaches once per Kafka batch.
 */
public interface AppendDao {

    /** Serialises appenders across threads and instances for the rest of the transaction. */
    @SqlQuery("select 1 from (select pg_advisory_xact_lock(:key)) locked")
    int lockAppender(@Bind("key") long key);

    /** The last entry's position and leaf hash. */
    @SqlQuery("select position, leaf_hash from audit_entry order by position desc limit 1")
    @RegisterConstructorMapper(Tail.class)
    Optional<Tail> tail();

    /**
     * Which of {@code eventIds} are in the log already. Written as a join over the unnested ids so that each id is one
     * index probe: the plain {@code event_id = any(:ids)} may get a cached generic plan that scans the whole table.
     */
    @SqlQuery("select a.event_id from unnest(:ids) as wanted(event_id) join audit_entry a using (event_id)")
    Set<String> existingEventIds(@Bind("ids") String[] eventIds);

    /**
     * The end of the log as the appender sees it.
     *
     * @param position position of the last entry
     * @param leafHash its leaf hash, the next entry's prevHash
     */
    record Tail(long position, byte[] leafHash) {}
}
