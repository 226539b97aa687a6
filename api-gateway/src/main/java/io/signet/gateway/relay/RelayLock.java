package io.signet.gateway.relay;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The cluster-wide "I am the relay" token: a PostgreSQL session advisory lock held on a dedicated connection. The
 * lock lives exactly as long as the session, so when an instance dies (process, host or network), PostgreSQL ends
 * its session and the lock is free for another instance. Not thread-safe: used by the relay's own thread only.
 */
final class RelayLock implements AutoCloseable {

    private final Connection connection;
    private final long key;

    private RelayLock(Connection connection, long key) {
        this.connection = connection;
        this.key = key;
    }

    /** The lock if no other session holds it, else empty (and no connection is left open). */
    static java.util.Optional<RelayLock> tryAcquire(PostgresEndpoint endpoint, long key) throws SQLException {
        Connection connection = endpoint.connect("signet-relay-lock");
        try (var settings = connection.createStatement()) {
            // If the holder's host vanishes without closing TCP, the server must still end the session (and free the
            // lock) within seconds, not after the kernel's two-hour keepalive default.
            settings.execute(
                    "set tcp_keepalives_idle = 3; set tcp_keepalives_interval = 1; set tcp_keepalives_count = 3");
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            statement.setLong(1, key);
            try (ResultSet result = statement.executeQuery()) {
                if (result.next() && result.getBoolean(1)) {
                    return java.util.Optional.of(new RelayLock(connection, key));
                }
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return java.util.Optional.empty();
    }

    /** True while the session (and with it the lock) is alive; asks the server. */
    boolean stillHeld() {
        try {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    long key() {
        return key;
    }

    /**
     * Ends a walsender still streaming from {@code slot}: whoever it serves lost the lock (we hold it), typically a
     * relay whose host died and whose connection the server has not noticed yet ({@code wal_sender_timeout}).
     */
    void evictStaleStreamer(String slot) {
        try (PreparedStatement statement = connection.prepareStatement(
                "select pg_terminate_backend(active_pid) from pg_replication_slots where slot_name = ? and active")) {
            statement.setString(1, slot);
            statement.execute();
        } catch (SQLException e) {
            // Best effort: the engine start then fails and is retried until the server drops the old stream.
        }
    }

    /** Ends the session, which releases the lock. */
    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // The session is gone either way.
        }
    }
}
