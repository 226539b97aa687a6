package io.signet.notifier;

import com.sun.net.httpserver.HttpServer;
import io.signet.embedded.KafkaBroker;
import io.signet.embedded.Ports;
import io.signet.notifier.support.BrokerProcess;
import io.signet.notifier.support.Events;
import io.signet.notifier.support.NotifierStack;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark of the notifier on the real embedded stack: results stored per second and callbacks delivered per second
 * to a local receiver, and delivery latency (p50/p99) measured from publishing the result event to the callback's
 * arrival at the receiver. After a warm-up burst that is not measured, two phases: a burst (as fast as possible)
 * and a steady 1,000 results/s, whose first {@value #STEADY_WARMUP_SECONDS} s are not measured either (the burst's
 * aftermath: a backlog of database work, a new load pattern for the JIT).
 *
 * <p>Run from the repository root (after {@code mvn -B -q -pl notifier -am install -DskipTests}):
 *
 * <pre>
 * mvn -B -q -pl notifier test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp &amp;&amp; \
 *   java --sun-misc-unsafe-memory-access=allow -cp notifier/target/test-classes:notifier/target/classes:$(cat notifier/target/bench.cp) \
 *   io.signet.notifier.NotifierBenchmark [burst=20000] [steadySeconds=60]
 * </pre>
 */
public final class NotifierBenchmark {

    static final int STEADY_WARMUP_SECONDS = 10;

    /** The phase running now; the receiver records into it. */
    private static volatile Phase current = new Phase(List.of());

    private static int completedSoFar;

    private NotifierBenchmark() {}

    public static void main(String[] args) {
        int status = 0;
        try {
            benchmark(args);
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        }
        // Also after a failure: the receiver's and the stack's threads would otherwise keep this JVM alive.
        System.exit(status);
    }

    private static void benchmark(String[] args) throws Exception {
        int burst = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int steadySeconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        // The JDK's server closes idle keep-alive connections beyond this many (default 200) at once, unlike the
        // servers
        // RPs run; at 256 callbacks in flight that would make the notifier resend on closed connections.
        System.setProperty("sun.net.httpserver.maxIdleConnections", "1024");
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/cb", exchange -> {
            long now = System.nanoTime();
            String query = exchange.getRequestURI().getRawQuery();
            String id = query.substring("signatureId=".length(), query.indexOf('&'));
            current.received(id, now);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String callbackUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/cb";

        // Kafka in a JVM of its own unless -Dsignet.bench.broker-in-jvm=true: a deployed notifier does not share its
        // heap and its garbage-collection pauses with the broker.
        Process broker = Boolean.getBoolean("signet.bench.broker-in-jvm") ? null : startBroker();
        ConfigurableApplicationContext notifier = NotifierStack.startNotifier(
                "notifier_bench_" + System.currentTimeMillis(),
                "bench-" + System.currentTimeMillis(),
                Map.of(
                        "signet.notifier.delivery.schedule", "0s,5s,5m",
                        "signet.notifier.delivery.timeout", "10s",
                        "signet.notifier.delivery.lease", "60s",
                        "signet.notifier.delivery.max-concurrency-per-host", "256",
                        "signet.notifier.delivery.batch-size", "512",
                        "logging.level.root", "WARN"));
        Jdbi jdbi = notifier.getBean(Jdbi.class);
        try {
            // Not measured: a fresh JVM runs interpreted and C1 code until the JIT compilers catch up.
            System.out.println("== warm-up (not measured): " + burst + " results as fast as the producer goes");
            run(jdbi, callbackUrl, burst, 0);
            System.out.println("== burst: " + burst + " results as fast as the producer goes");
            run(jdbi, callbackUrl, burst, 0);
            System.out.println("== steady warm-up (not measured): 1000 results/s for " + STEADY_WARMUP_SECONDS + " s");
            run(jdbi, callbackUrl, STEADY_WARMUP_SECONDS * 1000, 1000);
            System.out.println("== steady: 1000 results/s for " + steadySeconds + " s");
            run(jdbi, callbackUrl, steadySeconds * 1000, 1000);
        } finally {
            notifier.close();
            receiver.stop(0);
            NotifierStack.stack().close();
            if (broker != null) {
                broker.getOutputStream().close(); // BrokerProcess stops at the end of its input
                if (!broker.waitFor(30, TimeUnit.SECONDS)) {
                    broker.destroyForcibly();
                }
            }
        }
    }

    /** Starts {@link BrokerProcess} on a free port with a fresh log; returns once it answers. */
    private static Process startBroker() throws IOException {
        Path dir = Path.of("target", "bench-kafka").toAbsolutePath();
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        int port = Ports.free();
        Process broker = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--sun-misc-unsafe-memory-access=allow",
                        "-cp",
                        System.getProperty("java.class.path"),
                        BrokerProcess.class.getName(),
                        dir.toString(),
                        String.valueOf(port))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("broker.out").toFile())
                .start();
        String bootstrap = Ports.LOOPBACK + ":" + port;
        try {
            KafkaBroker.awaitReady(bootstrap);
        } catch (RuntimeException e) {
            broker.destroyForcibly();
            throw e;
        }
        System.setProperty(NotifierStack.EXTERNAL_KAFKA_PROPERTY, bootstrap);
        System.out.println("== Kafka in its own JVM, pid " + broker.pid());
        return broker;
    }

    private static void run(Jdbi jdbi, String callbackUrl, int count, int perSecond) throws InterruptedException {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(Events.newId());
        }
        Phase phase = new Phase(ids);
        current = phase;
        for (String id : ids) {
            NotifierStack.publishAsync(Events.requested(id, "rp-a", callbackUrl, Duration.ofMinutes(10)));
        }
        NotifierStack.flush();
        int before = completedSoFar;
        awaitCount(jdbi, "select count(*) from signature_result", before + count);

        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (perSecond > 0) {
                long due = start + TimeUnit.SECONDS.toNanos(i) / perSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            phase.publishedAt[i] = System.nanoTime();
            NotifierStack.publishAsync(Events.completed(ids.get(i), "rp-a", new byte[] {1, 2, 3}));
        }
        NotifierStack.flush();
        // Each partition of the result topic is applied in order, so once the last result published is stored the
        // others are at most a batch behind. Until then a primary-key read every millisecond costs the database next
        // to nothing, unlike counting rows while they are written; the count then finds when all are stored.
        awaitStored(jdbi, ids.getLast());
        long stored =
                awaitCount(jdbi, "select count(*) from signature_result where status = 'COMPLETED'", before + count);
        long completed = jdbi.withHandle(
                handle -> handle.createQuery("select count(*) from signature_result where status = 'COMPLETED'")
                        .mapTo(Long.class)
                        .one());
        if (completed < before + count) {
            throw new IllegalStateException("only " + (completed - before) + " of " + count + " results stored");
        }
        completedSoFar += count;
        while (phase.receivedCount.get() < count) {
            TimeUnit.MILLISECONDS.sleep(1);
        }
        long delivered = phase.lastArrival();
        long[] latencies = phase.latencies();
        Arrays.sort(latencies);
        double storedSeconds = (stored - start) / 1e9;
        double deliveredSeconds = (delivered - start) / 1e9;
        System.out.printf("results stored: %d in %.2f s = %.0f/s%n", count, storedSeconds, count / storedSeconds);
        System.out.printf(
                "callbacks delivered: %d (%d requests) in %.2f s = %.0f/s%n",
                count, phase.requests.get(), deliveredSeconds, count / deliveredSeconds);
        System.out.printf(
                "latency result->callback: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                percentile(latencies, 0.50) / 1e6,
                percentile(latencies, 0.99) / 1e6,
                latencies[latencies.length - 1] / 1e6);
        if (perSecond > 0) {
            phase.printWindows(start, 10);
        }
        System.out.println("failed attempts so far, by error: "
                + jdbi.withHandle(handle -> handle.createQuery(
                                "select coalesce(error, 'HTTP ' || http_status) || ': ' || count(*) from delivery_attempt"
                                        + " where outcome <> 'DELIVERED' group by coalesce(error, 'HTTP ' || http_status)")
                        .mapTo(String.class)
                        .list()));
    }

    private static long awaitStored(Jdbi jdbi, String signatureId) throws InterruptedException {
        while (true) {
            boolean done = jdbi.withHandle(handle -> handle.createQuery(
                            "select exists (select 1 from signature_result where signature_id = :id"
                                    + " and status = 'COMPLETED')")
                    .bind("id", signatureId)
                    .mapTo(Boolean.class)
                    .one());
            if (done) {
                return System.nanoTime();
            }
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }

    /** Waits until {@code sql} counts {@code expected}, or for at most two minutes (the caller checks the count). */
    private static long awaitCount(Jdbi jdbi, String sql, int expected) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < giveUp) {
            int count = jdbi.withHandle(
                    handle -> handle.createQuery(sql).mapTo(Integer.class).one());
            if (count >= expected) {
                return System.nanoTime();
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return System.nanoTime();
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /**
     * One phase's timings, in primitive arrays indexed like its ids: a map from id to boxed times, written for every
     * result, would give the garbage collector old-to-young references to scan on each pause, and so add the
     * benchmark's own bookkeeping to the latency it measures.
     */
    private static final class Phase {

        private final Map<String, Integer> index = new HashMap<>();
        final long[] publishedAt;
        private final AtomicLongArray receivedAt;
        final AtomicInteger receivedCount = new AtomicInteger();
        /** Callback requests, repeats included. */
        final AtomicInteger requests = new AtomicInteger();

        Phase(List<String> ids) {
            for (int i = 0; i < ids.size(); i++) {
                index.put(ids.get(i), i);
            }
            publishedAt = new long[ids.size()];
            receivedAt = new AtomicLongArray(ids.size());
        }

        void received(String id, long now) {
            requests.incrementAndGet();
            Integer i = index.get(id);
            if (i != null && receivedAt.compareAndSet(i, 0, now)) {
                receivedCount.incrementAndGet();
            }
        }

        long[] latencies() {
            long[] latencies = new long[publishedAt.length];
            for (int i = 0; i < latencies.length; i++) {
                latencies[i] = receivedAt.get(i) - publishedAt[i];
            }
            return latencies;
        }

        /** When the last callback arrived (not when the main thread noticed). */
        long lastArrival() {
            long last = 0;
            for (int i = 0; i < publishedAt.length; i++) {
                last = Math.max(last, receivedAt.get(i));
            }
            return last;
        }

        /**
         * Latency by when the result was published, per window of {@code seconds}: shows whether a slow stretch is
         * the JVM still compiling (early windows only) or a steady cost.
         */
        void printWindows(long start, int seconds) {
            Map<Long, List<Long>> byWindow = new TreeMap<>();
            for (int i = 0; i < publishedAt.length; i++) {
                long window = (publishedAt[i] - start) / TimeUnit.SECONDS.toNanos(seconds);
                byWindow.computeIfAbsent(window, w -> new ArrayList<>()).add(receivedAt.get(i) - publishedAt[i]);
            }
            byWindow.forEach((window, list) -> {
                long[] sorted =
                        list.stream().mapToLong(Long::longValue).sorted().toArray();
                System.out.printf(
                        "  %3d-%3d s: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                        window * seconds,
                        (window + 1) * seconds,
                        percentile(sorted, 0.50) / 1e6,
                        percentile(sorted, 0.99) / 1e6,
                        sorted[sorted.length - 1] / 1e6);
            });
        }
    }
}
