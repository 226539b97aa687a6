package io.signet.platform.persistence;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Recognises a failure that means PostgreSQL cannot be used right now, as opposed to a bug or a refused statement: the
 * connection broke under a statement (SQLState class 08, e.g. the server was stopped), the server is shutting down or
 * starting up (57P01, 57P02, 57P03), or the pool found no connection in time. What failed that way can be done again
 * once the database is back.
 */
public final class DatabaseUnavailable {

    /** Deep enough for any driver and Jdbi wrapping; a bound, so that a cyclic cause chain cannot loop. */
    private static final int MAX_DEPTH = 16;

    private DatabaseUnavailable() {}

    /** Whether {@code failure} (or one of its causes) means the database is unavailable, whatever its SQLState. */
    public static boolean explains(Throwable failure) {
        return sqlState(failure).isPresent()
                || causes(failure).anyMatch(SQLTransientConnectionException.class::isInstance);
    }

    /** The SQLState that marks {@code failure} (or one of its causes) as the database being unavailable, if any. */
    public static Optional<String> sqlState(Throwable failure) {
        return causes(failure)
                .flatMap(cause -> cause instanceof SQLException sql ? Stream.of(sql.getSQLState()) : Stream.empty())
                .filter(DatabaseUnavailable::unavailable)
                .findFirst();
    }

    private static Stream<Throwable> causes(Throwable failure) {
        return Stream.iterate(failure, Objects::nonNull, Throwable::getCause).limit(MAX_DEPTH);
    }

    public static boolean unavailable(String sqlState) {
        return sqlState != null
                && (sqlState.startsWith("08")
                        || sqlState.equals("57P01") // admin_shutdown
                        || sqlState.equals("57P02") // crash_shutdown
                        || sqlState.equals("57P03")); // cannot_connect_now
    }
}
