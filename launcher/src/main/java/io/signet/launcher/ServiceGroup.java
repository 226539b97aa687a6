package io.signet.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Starts services, at most {@code parallelism} at a time, each on a thread of its own (a fresh thread per service, so
 * that the threads it creates inherit only its log attribution). If one fails, the others that started are stopped
 * and the first failure is thrown.
 */
final class ServiceGroup {

    private final ServiceStarter starter;
    private final int parallelism;

    ServiceGroup(ServiceStarter starter, int parallelism) {
        this.starter = starter;
        this.parallelism = parallelism;
    }

    List<RunningService> startAll(
            List<SignetService> services,
            Function<SignetService, Map<String, String>> environment,
            ToIntFunction<SignetService> port) {
        Semaphore slots = new Semaphore(parallelism);
        List<Future<RunningService>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().name("start-", 0).factory())) {
            for (SignetService service : services) {
                futures.add(threads.submit(() -> {
                    slots.acquire();
                    try {
                        return starter.start(service, environment.apply(service), port.applyAsInt(service));
                    } finally {
                        slots.release();
                    }
                }));
            }
        } // waits for every start to end, successful or not
        List<RunningService> started = new ArrayList<>();
        RuntimeException failure = null;
        for (Future<RunningService> future : futures) {
            try {
                started.add(future.get());
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new LaunchException(e.getMessage(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new LaunchException("interrupted while starting services", e);
            }
        }
        if (failure != null) {
            RunningSignet.stopServices(started);
            throw failure;
        }
        return started;
    }
}
