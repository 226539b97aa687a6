package io.signet.platform.persistence;

import javax.sql.DataSource;
import jdk.jfr.FlightRecorder;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.JdbiStatementEvent;
import org.jdbi.v3.core.statement.internal.JfrSupport;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The {@link Jdbi} of a Signet service: SQL objects, PostgreSQL types, DAO metadata built once ({@link DaoMetadata}),
 * and no statement events in Java Flight Recorder recordings.
 *
 * <p>Jdbi records every statement as a JFR event with its bound parameters as text: signature values, certificates,
 * signers' names and tokens' hashes would land in any recording ops take with {@code jcmd JFR.start}, which is the
 * first thing one does to profile a service. Signet's statements are visible without them (JDBC and socket events,
 * method samples), so the event type is unregistered once Jdbi has registered it.
 */
public final class ServiceJdbi {

    static {
        if (JfrSupport.isFlightRecorderAvailable()) { // also runs Jdbi's registration first
            FlightRecorder.unregister(JdbiStatementEvent.class);
        }
    }

    private ServiceJdbi() {}

    /** A Jdbi on {@code dataSource} with the metadata of {@code daos} prepared. */
    public static Jdbi create(DataSource dataSource, Class<?>... daos) {
        return DaoMetadata.prepare(
                Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin()), daos);
    }
}
