package io.signet.launcher;

import io.signet.embedded.EmbeddedStack;
import io.signet.launcher.logging.LauncherLogging;
import io.signet.launcher.logging.ServiceAttribution;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signet running in this JVM: the embedded stack and every service. {@link #close()} stops the services (the
 * gateway and sign-worker first, see {@link #FIRST_TO_STOP}), then Kafka, then PostgreSQL, then the log files. Thread-safe: close may come from a shutdown hook.
 */
public final class RunningSignet implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningSignet.class);

    private final EmbeddedStack stack;
    private final List<RunningService> services;
    private final LauncherLogging logging;
    private final Duration startupTime;
    private final ProcessParts processes;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    RunningSignet(EmbeddedStack stack, List<RunningService> services, LauncherLogging logging, Duration startupTime) {
        this(stack, services, logging, startupTime, null);
    }

    RunningSignet(
            EmbeddedStack stack,
            List<RunningService> services,
            LauncherLogging logging,
            Duration startupTime,
            ProcessParts processes) {
        this.stack = stack;
        this.services = List.copyOf(services);
        this.logging = logging;
        this.startupTime = startupTime;
        this.processes = processes;
    }

    /** The child processes, when started with {@code --process-per-service}. */
    public Optional<ProcessParts> processes() {
        return Optional.ofNullable(processes);
    }

    /** Where the Kafka broker listens, in this JVM or in a child process. */
    public Optional<String> kafkaBootstrap() {
        return processes()
                .map(ProcessParts::kafkaBootstrap)
                .or(() -> stack.kafka().map(k -> k.bootstrap()));
    }

    public EmbeddedStack stack() {
        return stack;
    }

    /** The services in start order. */
    public List<RunningService> services() {
        return services;
    }

    public Optional<RunningService> service(SignetService service) {
        return services.stream().filter(s -> s.service() == service).findFirst();
    }

    /** From the launcher's start to every service reporting UP. */
    public Duration startupTime() {
        return startupTime;
    }

    public LauncherLogging logging() {
        return logging;
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            stopServices(services);
            if (processes != null) {
                processes.close(); // Kafka; the services are stopped above
            }
            stack.close();
        } finally {
            LOG.info("Signet stopped");
            logging.stop();
            stopped.countDown();
        }
    }

    /**
     * Services that must stop before the others: the gateway (no new requests) and the sign-worker, whose graceful
     * stop finishes the batch in hand and so needs cert-worker's certificates, time-stamps and claims until then.
     * Stopped together with cert-worker, the sign-worker would wait for answers that never come, and a batch that
     * outlived its container's shutdown timeout would meet a closed HSM token.
     */
    static final Set<SignetService> FIRST_TO_STOP = EnumSet.of(SignetService.GATEWAY, SignetService.SIGN_WORKER);

    /** Closes the services: first those of {@link #FIRST_TO_STOP}, then the rest; each stage in parallel. */
    static void stopServices(List<RunningService> services) {
        List<RunningService> first = services.stream()
                .filter(service -> FIRST_TO_STOP.contains(service.service()))
                .toList();
        List<RunningService> then = services.stream()
                .filter(service -> !FIRST_TO_STOP.contains(service.service()))
                .toList();
        stopInParallel(first);
        stopInParallel(then);
    }

    /** Closes the contexts in parallel, each waiting for its own graceful shutdown. */
    private static void stopInParallel(List<RunningService> services) {
        List<Thread> stopping = new ArrayList<>();
        for (RunningService service : services) {
            stopping.add(Thread.ofPlatform().name("stop-" + service.name()).start(() -> {
                ServiceAttribution.set(service.name()); // its shutdown lines belong in its own log
                try {
                    service.handle().close();
                } catch (Exception e) {
                    LOG.warn("{} did not stop cleanly: {}", service.name(), e.getMessage());
                }
            }));
        }
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
