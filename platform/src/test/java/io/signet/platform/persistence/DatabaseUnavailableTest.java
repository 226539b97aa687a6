package io.signet.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {

    @Test
    void aConnectionBrokenUnderAStatementMeansUnavailable() {
        RuntimeException failure = new RuntimeException(
                "wrapped", new SQLException("An I/O error occurred while sending to the backend.", "08006"));

        assertThat(DatabaseUnavailable.sqlState(failure)).contains("08006");
        assertThat(DatabaseUnavailable.explains(failure)).isTrue();
    }

    @Test
    void noPooledConnectionInTimeMeansUnavailable() {
        RuntimeException failure = new RuntimeException(
                "Unable to acquire JDBC connection", new SQLTransientConnectionException("request timed out"));

        assertThat(DatabaseUnavailable.explains(failure)).isTrue();
    }

    @Test
    void serverShuttingDownOrStartingUpMeansUnavailable() {
        assertThat(DatabaseUnavailable.unavailable("57P01")).isTrue();
        assertThat(DatabaseUnavailable.unavailable("57P02")).isTrue();
        assertThat(DatabaseUnavailable.unavailable("57P03")).isTrue();
    }

    @Test
    void aRefusedStatementIsNotUnavailability() {
        RuntimeException uniqueViolation =
                new RuntimeException(new SQLException("duplicate key value violates unique constraint", "23505"));

        assertThat(DatabaseUnavailable.sqlState(uniqueViolation)).isEmpty();
        assertThat(DatabaseUnavailable.explains(uniqueViolation)).isFalse();
        assertThat(DatabaseUnavailable.sqlState(new IllegalStateException("no SQL here")))
                .isEmpty();
        assertThat(DatabaseUnavailable.unavailable(null)).isFalse();
    }
}
