package io.signet.launcher;

import io.signet.embedded.PostgresServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Signet with every part in its own OS process ({@code --process-per-service}), for failure tests: the launcher's own
 * {@link ProcessLauncher} runs in the test JVM and its children die with it. Parts are named as in
 * {@link ProcessParts}: {@code postgres}, {@code kafka} or a service name.
 */
final class ProcessStack implements AutoCloseable {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final RunningSignet signet;
    private final ProcessParts parts;

    private ProcessStack(RunningSignet signet) {
        this.signet = signet;
        this.parts = signet.processes().orElseThrow();
    }

    static ProcessStack start(Path dataDir) {
        return start(LauncherTestSupport.options(dataDir));
    }

    /** With options of a test's own, e.g. {@code LauncherTestSupport.options(dataDir).withServiceProperty(…)}. */
    static ProcessStack start(LaunchOptions options) {
        return new ProcessStack(ProcessLauncher.start(options));
    }

    long pid(String part) {
        return parts.pid(part);
    }

    long pid(SignetService service) {
        return pid(service.serviceName());
    }

    /** {@code kill -9}; returns once the process is gone. */
    void kill9(String part) {
        parts.kill9(part);
    }

    void kill9(SignetService service) {
        kill9(service.serviceName());
    }

    /** Graceful stop of a child; PostgreSQL stops immediately. */
    void stop(String part) {
        parts.stop(part);
    }

    /** Starts a part again and waits until it is ready (services: health UP). */
    void start(String part) {
        parts.start(part, READY_TIMEOUT);
    }

    void start(SignetService service) {
        start(service.serviceName());
    }

    /** Starts these services at the same time and waits until each is ready. */
    void startTogether(List<SignetService> services) {
        parts.startTogether(services.stream().map(SignetService::serviceName).toList(), READY_TIMEOUT);
    }

    URI url(SignetService service) {
        return signet.service(service).orElseThrow().url();
    }

    String kafkaBootstrap() {
        return signet.kafkaBootstrap().orElseThrow();
    }

    PostgresServer postgres() {
        return signet.stack().postgres().orElseThrow();
    }

    ProcessParts parts() {
        return parts;
    }

    Path dataDir() {
        return signet.stack().dataDir();
    }

    @Override
    public void close() {
        signet.close();
    }
}
