package io.signet.client.bench;

import io.signet.client.callback.Callback;
import io.signet.client.cli.CliException;
import io.signet.client.cli.ExitCodes;
import io.signet.client.sign.SignRequest;
import io.signet.client.sign.SignResult;
import io.signet.client.sign.SignetClient;
import io.signet.client.sign.SignetClientException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives the pipeline for one run: submits requests whose callbackUrl is the bench's own {@link
 * io.signet.client.callback.CallbackReceiver}, and matches each verified callback to its request by the {@code state}
 * it echoes. Each request is sent from a virtual thread of its own (blocking JDK HTTP client, no platform thread per
 * request). Not reusable: one instance per run.
 */
final class PipelineRun {

    private static final Pattern HTTP_STATUS = Pattern.compile("^the gateway answered (\\d{3})");
    private static final int RESULT_CHECKS_IN_FLIGHT = 16;

    private final SignetClient client;
    private final BenchConfig config;
    private final String callbackUrl;
    private final PrintWriter progress;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Queue<String> completedIds = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final int digestLength;
    private volatile Measurements measurements;

    /** A request waiting for its callback. */
    private record Pending(long dueNanos, boolean measured, CompletableFuture<Void> done) {}

    PipelineRun(SignetClient client, BenchConfig config, String callbackUrl, PrintWriter progress) {
        this.client = client;
        this.config = config;
        this.callbackUrl = callbackUrl;
        this.progress = progress;
        this.digestLength = config.hashType().newDigest().getDigestLength();
    }

    /** The receiver's handler: a verified callback; duplicates (retried deliveries) find nothing and are ignored. */
    void onCallback(Callback callback) {
        long arrived = System.nanoTime();
        Pending request = callback.state() == null ? null : pending.remove(callback.state());
        if (request == null) {
            return;
        }
        Measurements current = measurements;
        if (current != null) {
            current.completed(request.dueNanos(), arrived, request.measured());
        }
        if (request.measured() && callback.signatureId() != null) {
            completedIds.add(callback.signatureId());
        }
        request.done().complete(null);
    }

    /**
     * One request before the load: proves the gateway answers and a verified callback comes back (right webhook
     * secret, callback allowed), so a misconfiguration fails in seconds with one line instead of a run of timeouts.
     */
    void probe() throws InterruptedException {
        Pending request = new Pending(System.nanoTime(), false, new CompletableFuture<>());
        String state = register(request);
        client.submit(request(state));
        try {
            request.done().get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.remove(state);
            throw new CliException(
                    ExitCodes.SIGNING_FAILED,
                    "no verified callback within " + config.timeout().toSeconds() + " s for "
                            + "the first request: check the webhook secret (webhook-secret, SIGNET_WEBHOOK_SECRET) and that "
                            + "the notifier may call " + callbackUrl);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the first request failed", e.getCause());
        }
    }

    /** Runs warm-up and window, waits for the measured requests' callbacks, and returns the figures. */
    Measurements.Snapshot run() throws InterruptedException {
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        measurements = new Measurements(start + config.warmup().toNanos(), config.duration());
        Thread reporter = Thread.ofVirtual().name("bench-progress").start(this::reportProgress);
        try {
            if (config.openModel()) {
                runOpen(start);
            } else {
                runClosed(start);
            }
            awaitMeasured();
        } finally {
            reporter.interrupt();
        }
        return measurements.snapshot();
    }

    private void runOpen(long start) {
        OpenSchedule schedule = new OpenSchedule(start, config.rate());
        long count = schedule.countWithin(config.warmup().plus(config.duration()));
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < count; i++) {
                long due = schedule.intendedNanos(i);
                parkUntil(due);
                // Late (GC, a busy machine) the request still goes now, and its latency still counts from `due`.
                senders.execute(() -> send(due));
            }
        }
    }

    private void runClosed(long start) {
        parkUntil(start);
        long end = measurements.windowEndNanos();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < config.concurrency(); i++) {
                workers.execute(() -> {
                    while (System.nanoTime() < end) {
                        CompletableFuture<Void> done = send(System.nanoTime());
                        if (done != null) {
                            awaitQuietly(done);
                        }
                    }
                });
            }
        }
    }

    /** Submits one request due at {@code due}; returns its completion, or null when the gateway did not accept it. */
    private CompletableFuture<Void> send(long due) {
        Measurements figures = measurements;
        boolean measured = figures.measured(due);
        Pending request = new Pending(due, measured, new CompletableFuture<>());
        String state = register(request);
        if (measured) {
            figures.sent();
        }
        try {
            client.submit(request(state));
            if (measured) {
                figures.accepted();
            }
            return request.done();
        } catch (SignetClientException e) {
            pending.remove(state);
            if (measured) {
                figures.error(errorKind(e));
            }
            return null;
        }
    }

    private void awaitQuietly(CompletableFuture<Void> done) {
        try {
            done.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Counted when the run ends (still pending then).
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits up to the timeout for the measured requests still out; those left count as errors. */
    private void awaitMeasured() throws InterruptedException {
        CompletableFuture<?>[] measured = pending.values().stream()
                .filter(Pending::measured)
                .map(Pending::done)
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(measured).get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Those still out are counted below.
        }
        String kind = "no callback within " + config.timeout().toSeconds() + " s";
        for (Map.Entry<String, Pending> entry : List.copyOf(pending.entrySet())) {
            if (pending.remove(entry.getKey()) != null && entry.getValue().measured()) {
                measurements.error(kind);
            }
        }
    }

    /**
     * Reads the result of every measured request that was called back (after the run, not timed): a callback says a
     * request ended, not that it ended well. Returns {checked, ok} and counts the others as errors.
     */
    long[] checkResults() throws InterruptedException {
        List<String> ids = new ArrayList<>(completedIds);
        AtomicLong ok = new AtomicLong();
        Semaphore inFlight = new Semaphore(RESULT_CHECKS_IN_FLIGHT);
        try (ExecutorService checkers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String id : ids) {
                inFlight.acquire();
                checkers.execute(() -> {
                    try {
                        SignResult result = client.status(id);
                        switch (result.status()) {
                            case OK -> ok.incrementAndGet();
                            case PENDING -> measurements.error("result PENDING after its callback");
                            case ERROR -> measurements.error("result ERROR");
                        }
                    } catch (SignetClientException e) {
                        measurements.error("result not readable (" + errorKind(e) + ")");
                    } catch (RuntimeException e) {
                        measurements.error(
                                "result not readable (" + e.getClass().getSimpleName() + ")");
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        return new long[] {ids.size(), ok.get()};
    }

    Measurements.Snapshot snapshot() {
        return measurements.snapshot();
    }

    private String register(Pending request) {
        String state = "bench-" + runId + "-" + sequence.incrementAndGet();
        pending.put(state, request);
        return state;
    }

    private SignRequest request(String state) {
        byte[] digest = new byte[digestLength];
        ThreadLocalRandom.current().nextBytes(digest);
        return new SignRequest(
                config.format(),
                config.hashType(),
                digest,
                "signet bench " + state,
                config.level(),
                config.keyAlgorithm(),
                callbackUrl,
                null,
                state);
    }

    static String errorKind(SignetClientException e) {
        Matcher status = HTTP_STATUS.matcher(e.getMessage() == null ? "" : e.getMessage());
        if (status.find()) {
            return "http " + status.group(1);
        }
        return e.kind().name().toLowerCase(Locale.ROOT)
                + (e.getCause() != null ? " (" + e.getCause().getClass().getSimpleName() + ")" : "");
    }

    private void reportProgress() {
        long started = System.nanoTime();
        try {
            while (true) {
                Thread.sleep(10_000);
                Measurements figures = measurements;
                progress.printf(
                        Locale.ROOT,
                        "bench: %d s, %d measured sent, %d completed, %d waiting for a callback%n",
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started),
                        figures.sentCount(),
                        figures.completedCount(),
                        pending.size());
                progress.flush();
            }
        } catch (InterruptedException e) {
            // The run is over.
        }
    }

    private static void parkUntil(long nanos) {
        for (long left; (left = nanos - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(left);
        }
    }
}
