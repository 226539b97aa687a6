package io.signet.embedded;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link EmbeddedStack#start} starts and where. Start from {@link #in(Path)} and adjust with the {@code with…}
 * methods; each part can be left out for tests that need only some.
 *
 * @param dataDir root of all data (postgres/, kafka/, softhsm/, secrets/, logs/)
 * @param wipe delete the data directory's contents first
 * @param postgres start the embedded PostgreSQL (ignored when {@code externalDatabase} is present)
 * @param postgresPort its port on 127.0.0.1, 0 for a free one
 * @param externalDatabase use this database instead of the embedded one
 * @param kafka start the Kafka broker
 * @param kafkaPort its client port on 127.0.0.1, 0 for a free one
 * @param softHsm initialise the SoftHSM2 tokens
 * @param hsmModule the PKCS#11 library; empty: {@code SIGNET_HSM_MODULE} or the usual SoftHSM2 install paths
 * @param softHsmConf where SoftHSM2's configuration goes; empty: {@code <dataDir>/softhsm/softhsm2.conf}. Either way
 *     it must be the file named by {@code SOFTHSM2_CONF} (tests use the build's)
 * @param registerShutdownHook close the stack when the JVM exits (off when the caller orders shutdown itself)
 */
public record StackOptions(
        Path dataDir,
        boolean wipe,
        boolean postgres,
        int postgresPort,
        Optional<ExternalDatabase> externalDatabase,
        boolean kafka,
        int kafkaPort,
        boolean softHsm,
        Optional<Path> hsmModule,
        Optional<Path> softHsmConf,
        boolean registerShutdownHook) {

    public StackOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(externalDatabase, "externalDatabase");
        Objects.requireNonNull(hsmModule, "hsmModule");
        Objects.requireNonNull(softHsmConf, "softHsmConf");
    }

    /** All three parts on free ports, data kept, a shutdown hook registered. */
    public static StackOptions in(Path dataDir) {
        return new StackOptions(
                dataDir, false, true, 0, Optional.empty(), true, 0, true, Optional.empty(), Optional.empty(), true);
    }

    public StackOptions withWipe(boolean wipe) {
        return new StackOptions(
                dataDir,
                wipe,
                postgres,
                postgresPort,
                externalDatabase,
                kafka,
                kafkaPort,
                softHsm,
                hsmModule,
                softHsmConf,
                registerShutdownHook);
    }

    public StackOptions withPostgres(boolean postgres) {
        return new StackOptions(
                dataDir,
                wipe,
                postgres,
                postgresPort,
                externalDatabase,
                kafka,
                kafkaPort,
                softHsm,
                hsmModule,
                softHsmConf,
                registerShutdownHook);
    }

    public StackOptions withPostgresPort(int postgresPort) {
        return new StackOptions(
                dataDir,
                wipe,
                postgres,
                postgresPort,
                externalDatabase,
                kafka,
                kafkaPort,
                softHsm,
                hsmModule,
                softHsmConf,
                registerShutdownHook);
    }

    public StackOptions withExternalDatabase(ExternalDatabase externalDatabase) {
        return new StackOptions(
                dataDir,
                wipe,
                postgres,
                postgresPort,
                Optional.of(externalDatabase),
                kafka,
                kafkaPort,
                softHsm,
                hsmModule,
                softHsmConf,
                registerShutdownHook);
    }

    public StackOptions withKafka(boolean kafka) {
        return new StackOptions(
                dataDir,
                wipe,
                postgres,
                postgresPort,
                externalDatabase,
                kafka,
                kafkaPort,
                softHsm,
                hsmModule,
                softHsmConf,
                registerShutdownHook);
    }

    public StackOptions withKafkaPort(int kafkaPort) {
        return new StackOptions(
                dataDir,
                wipe,
                postgres,
                postgresPort,
                externalDatabase,
                kafka,
                kafkaPort,
                softHsm,
                hsmModule,
                softHsmConf,
                registerShutdownHook);
    }

    public StackOptions withSoftHsm(boolean softHsm) {
        return new StackOptions(
                dataDir,
                wipe,
                postgres,
                postgresPort,
                externalDatabase,
                kafka,
                kafkaPort,
                softHsm,
                hsmModule,
                softHsmConf,
                registerShutdownHook);
    }

    public StackOptions withHsmModule(Path hsmModule) {
        return new StackOptions(
                dataDir,
                wipe,
                postgres,
                postgresPort,
                externalDatabase,
                kafka,
                kafkaPort,
                softHsm,
                Optional.of(hsmModule),
                softHsmConf,
                registerShutdownHook);
    }

    public StackOptions withSoftHsmConf(Path softHsmConf) {
        return new StackOptions(
                dataDir,
                wipe,
                postgres,
                postgresPort,
                externalDatabase,
                kafka,
                kafkaPort,
                softHsm,
                hsmModule,
                Optional.of(softHsmConf),
                registerShutdownHook);
    }

    public StackOptions withShutdownHook(boolean registerShutdownHook) {
        return new StackOptions(
                dataDir,
                wipe,
                postgres,
                postgresPort,
                externalDatabase,
                kafka,
                kafkaPort,
                softHsm,
                hsmModule,
                softHsmConf,
                registerShutdownHook);
    }
}
