package io.signet.launcher;

import io.signet.embedded.EmbeddedStack;
import io.signet.embedded.EmbeddedStackException;
import io.signet.embedded.KafkaBroker;
import io.signet.embedded.Ports;
import io.signet.gateway.dev.DevCredentials;
import io.signet.launcher.logging.LauncherLogging;
import io.signet.launcher.logging.ServiceAttribution;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --process-per-service}: the same stack as {@link SignetLauncher#start}, with Kafka and each service in a child
 * JVM of its own and PostgreSQL (always its own process) restartable on its own, so that each part can be killed by
 * process id. This JVM keeps the data directory's lock, the SoftHSM2 set-up and PostgreSQL, and orders shutdown.
 */
final class ProcessLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessLauncher.class);

    /**
     * Start order: cert-worker creates the topic on which sign-worker waits for certificates, so it comes first (in one
     * JVM the services start close enough together for this not to matter).
     */
    private static final List<SignetService> START_ORDER = List.of(
            SignetService.GATEWAY,
            SignetService.CERT_WORKER,
            SignetService.NOTIFIER,
            SignetService.SIGN_WORKER,
            SignetService.AUDIT);

    private ProcessLauncher() {}

    /** @throws LaunchException with one line when something does not start; whatever had started is stopped */
    static RunningSignet start(LaunchOptions requested) {
        long started = System.nanoTime();
        ServiceAttribution.set(ServiceAttribution.LAUNCHER);
        Path dataDir = requested.dataDir().toAbsolutePath().normalize();
        // Every port fixed now: a part started again later must come back where its peers look for it.
        LaunchOptions options = fixPorts(requested);
        try {
            EmbeddedStack.prepare(dataDir, options.wipe());
        } catch (EmbeddedStackException e) {
            throw new LaunchException(e.getMessage(), e);
        }
        LauncherLogging logging = LauncherLogging.install(dataDir.resolve("logs"));
        EmbeddedStack stack;
        try {
            stack = EmbeddedStack.start(options.stackOptions().withKafka(false));
        } catch (RuntimeException e) {
            logging.stop();
            throw new LaunchException(FailureMessages.oneLine(e), e);
        }
        DevCredentials.prepare(dataDir.resolve("dev"));
        String bootstrap = Ports.LOOPBACK + ":" + options.kafkaPort();
        ProcessParts parts = new ProcessParts(stack, bootstrap);
        List<RunningService> services = new ArrayList<>();
        try {
            stack.postgres()
                    .ifPresent(p -> parts.writePidFile(ProcessParts.POSTGRES, parts.pid(ProcessParts.POSTGRES)));
            PartProcess kafka = part(ProcessParts.KAFKA, options.kafkaPort(), Map.of(), dataDir);
            parts.add(kafka);
            kafka.start();
            awaitKafka(kafka, options.kafkaPort(), bootstrap);
            for (SignetService service : START_ORDER) {
                Map<String, String> config = new LinkedHashMap<>(SignetLauncher.properties(stack, service, options));
                config.put("SIGNET_KAFKA_BOOTSTRAP", bootstrap);
                PartProcess process = part(service.serviceName(), options.port(service), config, dataDir);
                RunningService running = new RunningService(service, process, options.port(service));
                parts.add(running, process);
                services.add(running);
            }
            startInWindow(services, options);
            SignetLauncher.createMissingTopics(bootstrap);
        } catch (RuntimeException e) {
            RunningSignet.stopServices(services);
            parts.close();
            stack.close();
            logging.stop();
            throw e instanceof LaunchException launch ? launch : new LaunchException(FailureMessages.oneLine(e), e);
        }
        LOG.info("every part up in its own process: {}", parts.pidSummary());
        return new RunningSignet(stack, services, logging, Duration.ofNanos(System.nanoTime() - started), parts);
    }

    private static PartProcess part(String name, int port, Map<String, String> config, Path dataDir) {
        List<String> command =
                JavaCommand.forPart(name, List.of("--data-dir", dataDir.toString(), "--port", String.valueOf(port)));
        return new PartProcess(name, command, config, dataDir);
    }

    private static void awaitKafka(PartProcess kafka, int port, String bootstrap) {
        try {
            // Until the JVM listens, an admin client would only warn about refused connections on the console.
            Instant deadline = Instant.now().plusSeconds(60);
            while (kafka.alive() && !listening(port) && Instant.now().isBefore(deadline)) {
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // a start-up wait, not a test
            }
            KafkaBroker.awaitReady(bootstrap);
        } catch (EmbeddedStackException e) {
            throw new LaunchException(
                    "Kafka did not start" + (kafka.alive() ? "" : " (its process exited)") + ": see "
                            + kafka.consoleFile() + " and kafka.log beside it",
                    e);
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(Ports.LOOPBACK, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * JVMs compete for the cores while they start: at most {@code parallelism} at a time, the next one as soon as one
     * is UP, in start order. Each has the health timeout from its own start.
     */
    private static void startInWindow(List<RunningService> services, LaunchOptions options) {
        HealthWait wait = new HealthWait(new HealthProbe());
        // A JVM of its own per service starts slower than a context in a warm JVM.
        Duration timeout = options.healthTimeout().multipliedBy(2);
        Map<RunningService, Instant> starting = new LinkedHashMap<>();
        for (int next = 0; next < services.size() || !starting.isEmpty(); ) {
            while (next < services.size() && starting.size() < options.parallelism()) {
                RunningService service = services.get(next++);
                ((PartProcess) service.handle()).start();
                starting.put(service, Instant.now().plus(timeout));
            }
            Instant firstDeadline =
                    starting.values().stream().min(Instant::compareTo).orElseThrow();
            wait.awaitAnyUp(List.copyOf(starting.keySet()), firstDeadline, timeout)
                    .forEach(starting::remove);
        }
    }

    private static LaunchOptions fixPorts(LaunchOptions options) {
        LaunchOptions fixed = options.withServicePortsFixed();
        int postgres = options.externalDatabase().isPresent() ? 0 : Ports.freeOrGiven(options.postgresPort());
        return fixed.withBackingPorts(postgres, Ports.freeOrGiven(options.kafkaPort()));
    }
}
