package io.signet.embedded;

import io.signet.embedded.internal.DataDirectory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's backing components, started together: PostgreSQL (or an external database), a Kafka broker
 * and SoftHSM2 tokens, with all data under one directory that survives restarts. {@link #environment()} gives the
 * {@code SIGNET_*} variables the services read.
 *
 * <p>Start and close from one thread; the accessors are safe from any thread once started.
 */
public final class EmbeddedStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);

    private final DataDirectory dataDirectory;
    private final PostgresServer postgres;
    private final ExternalDatabase externalDatabase;
    private final KafkaBroker kafka;
    private final SoftHsm softHsm;
    private final AtomicBoolean closed = new AtomicBoolean();
    private Thread shutdownHook;

    private EmbeddedStack(
            DataDirectory dataDirectory,
            PostgresServer postgres,
            ExternalDatabase externalDatabase,
            KafkaBroker kafka,
            SoftHsm softHsm) {
        this.dataDirectory = dataDirectory;
        this.postgres = postgres;
        this.externalDatabase = externalDatabase;
        this.kafka = kafka;
        this.softHsm = softHsm;
    }

    /**
     * Starts the parts {@code options} ask for. The HSM and an external database are checked first (cheap, and the
     * likeliest to be misconfigured), then PostgreSQL and Kafka. On failure, whatever was started is stopped again.
     *
     * @throws EmbeddedStackException with one line saying what is wrong
     */
    public static EmbeddedStack start(StackOptions options) {
        DataDirectory directory = DataDirectory.open(options.dataDir(), options.wipe());
        PostgresServer postgres = null;
        KafkaBroker kafka = null;
        try {
            Path root = directory.root();
            Path secrets = directory.privateSubdirectory("secrets");
            Path logs = directory.subdirectory("logs");
            SoftHsm softHsm = null;
            if (options.softHsm()) {
                Path module = options.hsmModule()
                        .or(SoftHsm::defaultModulePath)
                        .orElseThrow(() -> new EmbeddedStackException("SoftHSM2 not found: install it (apt-get install "
                                + "softhsm2) or set SIGNET_HSM_MODULE to its libsofthsm2.so"));
                Path softHsmDir = directory.subdirectory("softhsm");
                Path conf = options.softHsmConf().orElse(softHsmDir.resolve("softhsm2.conf"));
                softHsm = SoftHsm.start(module, conf, softHsmDir.resolve("tokens"), secrets);
            }
            ExternalDatabase external = options.externalDatabase().orElse(null);
            if (external != null) {
                external.requireReachable();
            } else if (options.postgres()) {
                postgres = PostgresServer.start(
                        root.resolve("postgres"), options.postgresPort(), secrets, logs.resolve("postgres.log"));
            }
            if (options.kafka()) {
                kafka = KafkaBroker.start(directory.subdirectory("kafka"), options.kafkaPort());
            }
            EmbeddedStack stack = new EmbeddedStack(directory, postgres, external, kafka, softHsm);
            if (options.registerShutdownHook()) {
                stack.shutdownHook =
                        Thread.ofPlatform().name("signet-stack-shutdown").unstarted(stack::close);
                Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
            }
            return stack;
        } catch (RuntimeException e) {
            closeQuietly(kafka);
            closeQuietly(postgres);
            directory.close();
            throw e;
        }
    }

    /**
     * Creates (or checks) a data directory and, with {@code wipe}, deletes its contents, under its lock; for a caller
     * that opens files of its own in there (the launcher's logs) before it calls {@link #start} without wipe.
     *
     * @throws EmbeddedStackException if the directory is in use or is not empty and was not created by Signet
     */
    public static void prepare(Path dataDir, boolean wipe) {
        DataDirectory.open(dataDir, wipe).close();
    }

    public Path dataDir() {
        return dataDirectory.root();
    }

    public Optional<PostgresServer> postgres() {
        return Optional.ofNullable(postgres);
    }

    public Optional<KafkaBroker> kafka() {
        return Optional.ofNullable(kafka);
    }

    public Optional<SoftHsm> softHsm() {
        return Optional.ofNullable(softHsm);
    }

    /** The database the services use: the embedded one or the external one, if either. */
    public Optional<ExternalDatabase> database() {
        if (externalDatabase != null) {
            return Optional.of(externalDatabase);
        }
        return postgres().map(p -> new ExternalDatabase(p.jdbcUrl(), p.username(), p.password()));
    }

    /**
     * The variables every service reads, for the parts that run: {@code SIGNET_DATA_DIR} (where services keep files
     * of their own, e.g. generated keys under {@code secrets/}), {@code SIGNET_DB_URL}, {@code SIGNET_DB_USER},
     * {@code SIGNET_DB_PASSWORD}, {@code SIGNET_KAFKA_BOOTSTRAP}, {@code SIGNET_HSM_MODULE}. Contains a password: pass
     * it to the services, never print it.
     */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SIGNET_DATA_DIR", dataDir().toString());
        database().ifPresent(db -> {
            environment.put("SIGNET_DB_URL", db.jdbcUrl());
            environment.put("SIGNET_DB_USER", db.username());
            environment.put("SIGNET_DB_PASSWORD", db.password());
        });
        kafka().ifPresent(k -> environment.put("SIGNET_KAFKA_BOOTSTRAP", k.bootstrap()));
        softHsm()
                .ifPresent(
                        h -> environment.put("SIGNET_HSM_MODULE", h.modulePath().toString()));
        return environment;
    }

    /**
     * {@link #environment()} plus the variables of a service that uses HSM token {@code tokenLabel}:
     * {@code SIGNET_HSM_TOKEN_LABEL} and {@code SIGNET_HSM_PIN_FILE}.
     */
    public Map<String, String> environment(String tokenLabel) {
        SoftHsm hsm = softHsm().orElseThrow(() -> new IllegalStateException("the stack runs without SoftHSM2"));
        if (!SoftHsm.TOKENS.contains(tokenLabel)) {
            throw new IllegalArgumentException("unknown token " + tokenLabel + "; known: " + SoftHsm.TOKENS);
        }
        Map<String, String> environment = environment();
        environment.put("SIGNET_HSM_TOKEN_LABEL", tokenLabel);
        environment.put("SIGNET_HSM_PIN_FILE", hsm.pinFile(tokenLabel).toString());
        return environment;
    }

    /** Stops Kafka, then PostgreSQL, and releases the data directory. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook runs or ran; nothing to remove.
            }
        }
        closeQuietly(kafka);
        closeQuietly(postgres);
        dataDirectory.close();
        LOG.info("embedded stack in {} stopped", dataDirectory.root());
    }

    private static void closeQuietly(AutoCloseable part) {
        if (part == null) {
            return;
        }
        try {
            part.close();
        } catch (Exception e) {
            LOG.warn("stopping {} failed: {}", part.getClass().getSimpleName(), e.getMessage());
        }
    }
}
