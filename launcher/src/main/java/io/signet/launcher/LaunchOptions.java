package io.signet.launcher;

import io.signet.embedded.EmbeddedStackException;
import io.signet.embedded.ExternalDatabase;
import io.signet.embedded.Ports;
import io.signet.embedded.StackOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the launcher starts and where.
 *
 * @param dataDir root of all data; survives restarts
 * @param wipe delete the data directory's contents first
 * @param ports each service's HTTP port on 127.0.0.1; 0 for a free one
 * @param postgresPort the embedded PostgreSQL's port on 127.0.0.1; 0 for a free one
 * @param kafkaPort the Kafka broker's client port on 127.0.0.1; 0 for a free one
 * @param externalDatabase use this database instead of the embedded PostgreSQL
 * @param hsmModule the PKCS#11 library; empty: {@code SIGNET_HSM_MODULE} or the usual SoftHSM2 paths
 * @param softHsmConf SoftHSM2's configuration file; empty: {@code <dataDir>/softhsm/softhsm2.conf}. Must be the file
 *     named by {@code SOFTHSM2_CONF}
 * @param parallelism how many services start at the same time
 * @param healthTimeout how long to wait for every service's health to be UP after its context started
 */
public record LaunchOptions(
        Path dataDir,
        boolean wipe,
        Map<SignetService, Integer> ports,
        int postgresPort,
        int kafkaPort,
        Optional<ExternalDatabase> externalDatabase,
        Optional<Path> hsmModule,
        Optional<Path> softHsmConf,
        int parallelism,
        Duration healthTimeout) {

    /** Services that start at the same time by default (measured on the 2-core build machine, see README). */
    public static final int DEFAULT_PARALLELISM = 2;

    public LaunchOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        ports = Map.copyOf(ports);
        Objects.requireNonNull(externalDatabase, "externalDatabase");
        Objects.requireNonNull(hsmModule, "hsmModule");
        Objects.requireNonNull(softHsmConf, "softHsmConf");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
    }

    /** Production ports (8080-8084), data kept. */
    public static LaunchOptions in(Path dataDir) {
        Map<SignetService, Integer> ports = new EnumMap<>(SignetService.class);
        for (SignetService service : SignetService.values()) {
            ports.put(service, service.defaultPort());
        }
        return new LaunchOptions(
                dataDir,
                false,
                ports,
                0,
                0,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                DEFAULT_PARALLELISM,
                Duration.ofSeconds(60));
    }

    public int port(SignetService service) {
        return ports.getOrDefault(service, service.defaultPort());
    }

    public LaunchOptions withWipe(boolean wipe) {
        return new LaunchOptions(
                dataDir,
                wipe,
                ports,
                postgresPort,
                kafkaPort,
                externalDatabase,
                hsmModule,
                softHsmConf,
                parallelism,
                healthTimeout);
    }

    public LaunchOptions withPort(SignetService service, int port) {
        Map<SignetService, Integer> changed = new EnumMap<>(SignetService.class);
        changed.putAll(ports);
        changed.put(service, port);
        return new LaunchOptions(
                dataDir,
                wipe,
                changed,
                postgresPort,
                kafkaPort,
                externalDatabase,
                hsmModule,
                softHsmConf,
                parallelism,
                healthTimeout);
    }

    /** Every service on a free port (tests). */
    public LaunchOptions withFreePorts() {
        LaunchOptions options = this;
        for (SignetService service : SignetService.values()) {
            options = options.withPort(service, 0);
        }
        return options;
    }

    /**
     * These options with every service port decided: a port 0 (free port, tests) becomes a free ephemeral port now,
     * so that peers can be told where a service is before it starts; a given port must be free.
     *
     * @throws LaunchException "port N on 127.0.0.1 is already in use"
     */
    public LaunchOptions withServicePortsFixed() {
        LaunchOptions fixed = this;
        for (SignetService service : SignetService.values()) {
            int port = port(service);
            try {
                fixed = fixed.withPort(service, Ports.freeOrGiven(port));
            } catch (EmbeddedStackException e) {
                throw new LaunchException(e.getMessage());
            }
        }
        return fixed;
    }

    public LaunchOptions withBackingPorts(int postgresPort, int kafkaPort) {
        return new LaunchOptions(
                dataDir,
                wipe,
                ports,
                postgresPort,
                kafkaPort,
                externalDatabase,
                hsmModule,
                softHsmConf,
                parallelism,
                healthTimeout);
    }

    public LaunchOptions withExternalDatabase(ExternalDatabase database) {
        return new LaunchOptions(
                dataDir,
                wipe,
                ports,
                postgresPort,
                kafkaPort,
                Optional.of(database),
                hsmModule,
                softHsmConf,
                parallelism,
                healthTimeout);
    }

    public LaunchOptions withHsmModule(Path module) {
        return new LaunchOptions(
                dataDir,
                wipe,
                ports,
                postgresPort,
                kafkaPort,
                externalDatabase,
                Optional.of(module),
                softHsmConf,
                parallelism,
                healthTimeout);
    }

    public LaunchOptions withSoftHsmConf(Path conf) {
        return new LaunchOptions(
                dataDir,
                wipe,
                ports,
                postgresPort,
                kafkaPort,
                externalDatabase,
                hsmModule,
                Optional.of(conf),
                parallelism,
                healthTimeout);
    }

    public LaunchOptions withParallelism(int parallelism) {
        return new LaunchOptions(
                dataDir,
                wipe,
                ports,
                postgresPort,
                kafkaPort,
                externalDatabase,
                hsmModule,
                softHsmConf,
                parallelism,
                healthTimeout);
    }

    /** The stack part: everything, no wipe (the launcher wipes before it opens its log files), no own hook. */
    StackOptions stackOptions() {
        StackOptions stack = StackOptions.in(dataDir)
                .withPostgresPort(postgresPort)
                .withKafkaPort(kafkaPort)
                .withShutdownHook(false);
        if (externalDatabase.isPresent()) {
            stack = stack.withExternalDatabase(externalDatabase.get());
        }
        if (hsmModule.isPresent()) {
            stack = stack.withHsmModule(hsmModule.get());
        }
        if (softHsmConf.isPresent()) {
            stack = stack.withSoftHsmConf(softHsmConf.get());
        }
        return stack;
    }
}
