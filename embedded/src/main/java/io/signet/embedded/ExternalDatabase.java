package io.signet.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/**
 * A PostgreSQL server run by someone else, used instead of the embedded one.
 *
 * @param jdbcUrl e.g. {@code jdbc:postgresql://db.example:5432/signet}
 * @param username role the services log in as
 * @param password its password (never printed by {@link #toString()})
 */
public record ExternalDatabase(String jdbcUrl, String username, String password) {

    private static final int CONNECT_TIMEOUT_SECONDS = 5;

    public ExternalDatabase {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /**
     * Opens and closes one connection, so that an unreachable database fails the start with one line instead of every
     * service failing with its own stack trace.
     *
     * @throws EmbeddedStackException "database at URL cannot be reached: …" or "… refused the login of …"
     */
    public void requireReachable() {
        Properties properties = new Properties();
        properties.setProperty("user", username);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        try (Connection connection = DriverManager.getConnection(jdbcUrl, properties)) {
            connection.isValid(CONNECT_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            String reason = firstSentence(e.getMessage());
            if (state.startsWith("28")) { // invalid authorization specification
                throw new EmbeddedStackException(
                        "database at " + safeUrl() + " refused the login of '" + username + "': " + reason, e);
            }
            throw new EmbeddedStackException("database at " + safeUrl() + " cannot be reached: " + reason, e);
        }
    }

    /** The URL without a {@code password=} parameter, for messages. */
    public String safeUrl() {
        return jdbcUrl.replaceAll("(?i)password=[^&]*", "password=<hidden>");
    }

    private static String firstSentence(String message) {
        if (message == null) {
            return "no detail";
        }
        String line = message.lines().findFirst().orElse(message).strip();
        int end = line.indexOf(". ");
        return end > 0 ? line.substring(0, end) : line;
    }

    @Override
    public String toString() {
        return "ExternalDatabase[jdbcUrl=" + safeUrl() + ", username=" + username + ", password=<hidden>]";
    }
}
