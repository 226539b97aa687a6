package io.signet.platform;

import java.sql.SQLException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Turns "the database cannot be reached at start-up" into one clear line instead of a wall of stack traces. SQL
 * state class 08 is "connection exception" in every JDBC driver that follows the standard.
 */
final class DatabaseUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

    private final Environment environment;

    DatabaseUnreachableFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
        String state = cause.getSQLState();
        if (state == null || !state.startsWith("08")) {
            return null;
        }
        String url = environment.getProperty("spring.datasource.url", "(spring.datasource.url not set)");
        return new FailureAnalysis(
                "database at " + url + " cannot be reached: " + cause.getMessage(),
                "Start PostgreSQL or point SIGNET_DB_URL at a reachable database.",
                cause);
    }
}
