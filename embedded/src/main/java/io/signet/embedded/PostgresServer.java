package io.signet.embedded;

import io.signet.hsm.secrets.SecretFiles;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's binaries) on the loopback address, with its data directory under the stack's data
 * directory so that it survives restarts, {@code wal_level=logical} and enough WAL senders and replication slots for
 * Debezium, a database {@value #DATABASE} owned by the role {@value #ROLE}.
 *
 * <p>Both the role and the superuser {@code postgres} have generated passwords (files under {@code secrets/}) and log
 * in with SCRAM: the server listens only on 127.0.0.1, but other local users of the machine must not get in. Not
 * thread-safe; {@link #close()} stops the server (fast shutdown).
 */
public final class PostgresServer implements AutoCloseable {

    public static final String DATABASE = "signet";
    public static final String ROLE = "signet";
    public static final String SUPERUSER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
    // Written once the passwords are set; from then on pg_hba.conf demands SCRAM for everybody.
    private static final String AUTH_MARKER = "signet-scram-enabled";

    private final Path dataDir;
    private final Path logFile;
    private final int port;
    private final String password;
    private final String superuserPassword;
    // Replaced by a restart after an immediate stop (failure tests); guarded by this.
    private EmbeddedPostgres postgres;

    private PostgresServer(
            EmbeddedPostgres postgres,
            Path dataDir,
            Path logFile,
            int port,
            String password,
            String superuserPassword) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.port = port;
        this.password = password;
        this.superuserPassword = superuserPassword;
    }

    /**
     * Starts PostgreSQL with data in {@code dataDir} (created by initdb on first start) on {@code port} of 127.0.0.1 (0:
     * a free one), passwords in {@code secretsDir}, server output appended to {@code logFile}.
     *
     * @throws EmbeddedStackException with one line when the port is taken or the server does not start
     */
    public static PostgresServer start(Path dataDir, int port, Path secretsDir, Path logFile) {
        stopOrphanedServer(dataDir);
        int actualPort = Ports.freeOrGiven(port);
        String password = SecretFiles.readOrCreate(secretsDir.resolve("db.password"));
        String superuserPassword = SecretFiles.readOrCreate(secretsDir.resolve("db-superuser.password"));
        boolean scram = Files.exists(dataDir.resolve(AUTH_MARKER));
        EmbeddedPostgres postgres = launch(dataDir, actualPort, superuserPassword, scram, logFile);
        PostgresServer server = new PostgresServer(postgres, dataDir, logFile, actualPort, password, superuserPassword);
        try {
            server.provision(dataDir, scram);
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw new EmbeddedStackException("PostgreSQL started but could not be prepared: " + e.getMessage(), e);
        }
        LOG.info("PostgreSQL on {} with data in {}", server.jdbcUrl(), dataDir);
        return server;
    }

    private static EmbeddedPostgres launch(
            Path dataDir, int actualPort, String superuserPassword, boolean scram, Path logFile) {
        try {
            Files.createDirectories(logFile.getParent());
            File log = logFile.toFile();
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(actualPort)
                    // The stack owns shutdown ordering (services, then Kafka, then PostgreSQL).
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", Ports.LOOPBACK)
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("wal_level", "logical")
                    // Debezium needs one WAL sender and one slot per connector; leave room for tools and tests.
                    .setServerConfig("max_wal_senders", "10")
                    .setServerConfig("max_replication_slots", "10")
                    .setServerConfig("max_connections", "200")
                    // zonky's default is synchronous_commit=off: a commit is acknowledged before its WAL is written,
                    // so a crashed server (kill -9, immediate stop) loses transactions it had confirmed — accepted
                    // sign requests, sign claims, results. On: a confirmed commit survives a crash of PostgreSQL.
                    // (fsync stays off, zonky's -F: the embedded default does not survive a crash of the machine.)
                    .setServerConfig("synchronous_commit", "on")
                    .setConnectConfig("password", superuserPassword)
                    .setDataDirectoryCustomizer(dir -> writeHba(dir.toPath(), scram))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log))
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new EmbeddedStackException(
                    "PostgreSQL did not start on port " + actualPort + ": " + firstLine(e) + " (see " + logFile + ")",
                    e);
        }
    }

    /** The postmaster's process id, from its {@code postmaster.pid}; empty while the server is down. */
    public Optional<Long> pid() {
        return readPid(dataDir.resolve("postmaster.pid"))
                .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    /**
     * Stops the server as {@code pg_ctl stop -m immediate} would (SIGQUIT to the postmaster: no checkpoint, crash
     * recovery at the next start), for failure tests and operators who need the database gone now. A no-op when the
     * server is down.
     */
    public synchronized void stopImmediately() {
        Optional<ProcessHandle> postmaster = pid().flatMap(ProcessHandle::of);
        if (postmaster.isPresent()) {
            try {
                Process kill = new ProcessBuilder(
                                "kill", "-QUIT", String.valueOf(postmaster.get().pid()))
                        .redirectErrorStream(true)
                        .start();
                kill.waitFor(10, TimeUnit.SECONDS);
                postmaster.get().onExit().get(30, TimeUnit.SECONDS);
            } catch (IOException | ExecutionException | TimeoutException e) {
                throw new EmbeddedStackException(
                        "PostgreSQL (pid " + postmaster.get().pid() + ") did not stop: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmbeddedStackException("interrupted while stopping PostgreSQL", e);
            }
        }
        // Releases zonky's lock on the data directory; its own stop finds no server and only logs that.
        closeQuietly(postgres);
        LOG.info("PostgreSQL on port {} stopped immediately", port);
    }

    /**
     * Starts the server again on the same port and data directory after {@link #stopImmediately()}; PostgreSQL
     * recovers from its WAL. A no-op when it runs.
     */
    public synchronized void restart() {
        if (pid().isPresent()) {
            return;
        }
        postgres = launch(dataDir, port, superuserPassword, true, logFile);
        LOG.info("PostgreSQL on {} started again", jdbcUrl());
    }

    /** JDBC URL of the {@value #DATABASE} database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + Ports.LOOPBACK + ":" + port + "/" + DATABASE;
    }

    public String username() {
        return ROLE;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    /** A superuser connection to the {@value #DATABASE} database, for tests and tooling. The caller closes it. */
    public Connection superuserConnection() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", SUPERUSER);
        properties.setProperty("password", superuserPassword);
        return DriverManager.getConnection(jdbcUrl(), properties);
    }

    private void provision(Path dataDir, boolean scram) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        "jdbc:postgresql://" + Ports.LOOPBACK + ":" + port + "/postgres", superuserProperties());
                Statement statement = connection.createStatement()) {
            // Generated passwords are URL-safe base64: no quote can end the literal.
            statement.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + superuserPassword + "'");
            if (!exists(connection, "select 1 from pg_roles where rolname = ?", ROLE)) {
                statement.execute("CREATE ROLE " + ROLE + " LOGIN REPLICATION");
            }
            // Debezium reads the WAL over a replication connection, hence REPLICATION.
            statement.execute("ALTER ROLE " + ROLE + " LOGIN REPLICATION PASSWORD '" + password + "'");
            if (!exists(connection, "select 1 from pg_database where datname = ?", DATABASE)) {
                statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + ROLE + " ENCODING 'UTF8'");
            }
            if (!scram) {
                writeHba(dataDir, true);
                Files.writeString(dataDir.resolve(AUTH_MARKER), "");
                statement.execute("SELECT pg_reload_conf()");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Properties superuserProperties() {
        Properties properties = new Properties();
        properties.setProperty("user", SUPERUSER);
        properties.setProperty("password", superuserPassword);
        return properties;
    }

    private static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    // Rewritten on every start: trust only until initdb's superuser has a password, SCRAM for everybody after that.
    private static void writeHba(Path dataDir, boolean scram) {
        String method = scram ? "scram-sha-256" : "trust";
        String hba = "# Written by Signet's embedded stack on every start; edits are lost.\n"
                + "host all all 127.0.0.1/32 " + method + "\n"
                + "host replication all 127.0.0.1/32 " + method + "\n";
        try {
            Files.writeString(dataDir.resolve("pg_hba.conf"), hba, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A PostgreSQL left running by a launcher that was killed (its postmaster outlives the JVM) would hold the port and
     * the data directory. The caller holds the data directory's lock, so no live stack owns that server.
     */
    private static void stopOrphanedServer(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        Optional<ProcessHandle> orphan = readPid(pidFile)
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info()
                        .command()
                        .map(c -> c.contains("postgres"))
                        .orElse(false));
        if (orphan.isEmpty()) {
            return;
        }
        ProcessHandle process = orphan.get();
        LOG.warn("stopping PostgreSQL (pid {}) left running by an earlier launcher on {}", process.pid(), dataDir);
        process.destroy(); // SIGTERM: PostgreSQL's smart shutdown; its clients died with the old JVM
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new EmbeddedStackException("PostgreSQL (pid " + process.pid() + ") left running on " + dataDir
                    + " did not stop; stop it and start again");
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            return Files.readAllLines(pidFile).stream()
                    .findFirst()
                    .map(String::strip)
                    .map(Long::parseLong);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /** Stops the server (fast shutdown: open sessions are ended). Idempotent. */
    @Override
    public synchronized void close() {
        closeQuietly(postgres);
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("stopping PostgreSQL failed: {}", e.getMessage());
        }
    }
}
