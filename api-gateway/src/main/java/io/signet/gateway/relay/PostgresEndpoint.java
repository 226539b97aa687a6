package io.signet.gateway.relay;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Where the relay connects: the gateway's own database, with the same credentials as the pool. Debezium wants host,
 * port and database separately, the lock wants a plain JDBC connection of its own. Immutable.
 *
 * @param jdbcUrl {@code jdbc:postgresql://host[:port]/database[?params]}
 */
public record PostgresEndpoint(String jdbcUrl, String user, String password) {

    public String host() {
        return uri().getHost();
    }

    public int port() {
        return uri().getPort() < 0 ? 5432 : uri().getPort();
    }

    public String database() {
        String path = uri().getPath();
        return path.startsWith("/") ? path.substring(1) : path;
    }

    /** A new connection outside the pool, tagged so that it is recognisable in {@code pg_stat_activity}. */
    public Connection connect(String applicationName) throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", applicationName);
        // A dead peer must be noticed: the lock is only as good as our knowledge that the session lives.
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("socketTimeout", "30");
        return DriverManager.getConnection(jdbcUrl, props);
    }

    private URI uri() {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalStateException("The relay needs a jdbc:postgresql://host:port/database URL");
        }
        return URI.create(jdbcUrl.substring("jdbc:".length()));
    }
}
