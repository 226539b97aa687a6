package io.signet.launcher;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/** Waits until every service's {@code /actuator/health} says UP, polling over HTTP. */
final class HealthWait {

    private static final Duration POLL = Duration.ofMillis(250);

    private final HealthProbe probe;

    HealthWait(HealthProbe probe) {
        this.probe = probe;
    }

    /** @throws LaunchException naming the services that are not UP when {@code timeout} has passed */
    void awaitUp(List<RunningService> services, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<RunningService> pending = new ArrayList<>(services);
        while (!pending.isEmpty()) {
            pending.removeAll(awaitAnyUp(pending, deadline, timeout));
        }
    }

    /**
     * Waits until at least one of {@code pending} is UP and returns those that are.
     *
     * @throws LaunchException when one of them exited, or none is UP by {@code deadline} (which {@code timeout}
     *     describes in the message)
     */
    List<RunningService> awaitAnyUp(List<RunningService> pending, Instant deadline, Duration timeout) {
        while (true) {
            List<RunningService> up = pending.stream()
                    .filter(service ->
                            probe.read(service.url(), "/actuator/health").up())
                    .toList();
            if (!up.isEmpty()) {
                return up;
            }
            for (RunningService service : pending) {
                if (!service.alive() && service.handle() instanceof PartProcess process) {
                    throw new LaunchException(service.name() + " exited while starting (see " + process.consoleFile()
                            + " and " + service.name() + ".log beside it)");
                }
            }
            if (Instant.now().isAfter(deadline)) {
                List<String> down = pending.stream()
                        .map(s -> s.name() + " "
                                + probe.read(s.url(), "/actuator/health").status())
                        .toList();
                throw new LaunchException(
                        "not healthy after " + timeout.toSeconds() + " s: " + String.join(", ", down));
            }
            LockSupport.parkNanos(POLL.toNanos()); // a start-up wait in production code, not a test
        }
    }
}
