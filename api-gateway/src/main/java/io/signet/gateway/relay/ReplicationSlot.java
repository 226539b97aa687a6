package io.signet.gateway.relay;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The relay's logical replication slot. It is created when the gateway starts, before the first request can be
 * accepted: from then on PostgreSQL keeps every outbox insert for the relay, even while no relay runs. Thread-safe.
 */
public final class ReplicationSlot {

    private final Jdbi jdbi;
    private final String name;

    public ReplicationSlot(Jdbi jdbi, String name) {
        this.jdbi = jdbi;
        this.name = name;
    }

    /** Creates the slot unless it exists; safe when several instances start at once. */
    public void ensureExists() {
        try {
            jdbi.useHandle(handle ->
                    handle.createQuery("""
                            select pg_create_logical_replication_slot(:name, 'pgoutput')
                             where not exists (select 1 from pg_replication_slots where slot_name = :name)""").bind("name", name).mapToMap().list());
        } catch (UnableToExecuteStatementException e) {
            // Another instance created it between our check and our create (duplicate_object).
            if (!(e.getCause() instanceof java.sql.SQLException sql && "42710".equals(sql.getSQLState()))) {
                throw e;
            }
        }
    }

    /** Bytes of WAL the slot still retains for the relay (how far the relay is behind); empty without a slot. */
    public Optional<Long> lagBytes() {
        return jdbi.withHandle(handle ->
                handle.createQuery("""
                        select pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint
                          from pg_replication_slots where slot_name = :name""").bind("name", name).mapTo(Long.class).findOne());
    }

    /** Whether a walsender is currently streaming from the slot. */
    public boolean inUse() {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "select coalesce(bool_or(active), false) from pg_replication_slots where slot_name = :name")
                .bind("name", name)
                .mapTo(Boolean.class)
                .one());
    }

    public String name() {
        return name;
    }
}
