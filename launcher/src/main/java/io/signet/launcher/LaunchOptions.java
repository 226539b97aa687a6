package io.signet.launcher;

import io.signet.embedded.EmbeddedStackException;
import io.signet.embedded.ExternalDatabase;
import io.signet.embedded.Ports;
import io.signet.embedded.StackOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
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
 * @param serviceProperties extra Spring properties per service, applied over everything else the launcher sets (e.g.
 *     a test's compressed retry schedule); empty normally
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
        Duration healthTimeout,
        Map<SignetService, Map<String, String>> serviceProperties) {

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
        Map<SignetService, Map<String, String>> copied = new EnumMap<>(SignetService.class);
        serviceProperties.forEach((service, properties) -> copied.put(service, Map.copyOf(properties)));
        serviceProperties = Collections.unmodifiableMap(copied);
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
                Duration.ofSeconds(60),
                Map.of());
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
                healthTimeout,
                serviceProperties);
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
                healthTimeout,
                serviceProperties);
    }

    /**
     * These options with one more Spring property for {@code service}, which overrides the service's configuration
     * file and the launcher's own settings; in {@code --process-per-service} mode the child gets it with the rest of
     * its configuration.
     */
    public LaunchOptions withServiceProperty(SignetService service, String key, String value) {
        Map<SignetService, Map<String, String>> changed = new EnumMap<>(SignetService.class);
        changed.putAll(serviceProperties);
        Map<String, String> properties = new LinkedHashMap<>(serviceProperties(service));
        properties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        changed.put(service, properties);
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
                healthTimeout,
                changed);
    }

    /** The extra properties given for {@code service} (none: empty). */
    public Map<String, String> serviceProperties(SignetService service) {
        return serviceProperties.getOrDefault(service, Map.of());
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
                healthTimeout,
                serviceProperties);
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
                healthTimeout,
                serviceProperties);
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
                healthTimeout,
                serviceProperties);
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
                healthTimeout,
                serviceProperties);
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
                healthTimeout,
                serviceProperties);
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
