package io.signet.gateway;

import io.signet.gateway.dev.DevCredentials;
import io.signet.gateway.support.GatewayClient;
import io.signet.gateway.support.TestStack;
import io.signet.gateway.support.TopicWatcher;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Intake benchmark on the embedded stack (PostgreSQL, Kafka, one gateway with its relay, all in this JVM):
 *
 * <ol>
 *   <li>accepted requests/s with 64 concurrent RP connections (closed loop, {@value #THROUGHPUT_SECONDS} s);
 *   <li>commit-to-Kafka latency at {@code bench.rate} (default 1,000) requests/s for {@value #PACED_SECONDS} s: from the event's
 *       {@code ce_time} (taken just before the request's commit, same JVM clock) until a consumer of
 *       {@code signet.sign.requested} has the event, p50 and p99; so it includes the commit and the consumer's fetch.
 * </ol>
 *
 * Run from the repository root with one command:
 *
 * <pre>
 * mvn -B -q -pl api-gateway -am install -DskipTests -DskipITs &amp;&amp; mvn -B -q -pl api-gateway test-compile \
 *   dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test &amp;&amp; cd api-gateway \
 *   &amp;&amp; java --sun-misc-unsafe-memory-access=allow \
 *   -cp "target/test-classes:target/classes:$(cat target/bench.cp)" io.signet.gateway.IntakeBenchmark
 * </pre>
 *
 * ({@code -Dbench.rate=N} changes the paced rate, {@code -Dbench.warmupSeconds=N} the warm-up.) Bounded: traffic only to 127.0.0.1, a fixed duration, then it
 * stops.
 */
public final class IntakeBenchmark {

    static final int CONNECTIONS = 64;
    /**
     * Not measured. A fresh JVM holding the gateway, Debezium and the broker still spends a fifth of the machine
     * compiling a minute in (1,148/s accepted after 20 s of warm-up, 2,950/s after 90 s, same code, same day).
     */
    static final int WARMUP_SECONDS = Integer.getInteger("bench.warmupSeconds", 90);

    static final int THROUGHPUT_SECONDS = 20;
    static final int PACED_RATE = Integer.getInteger("bench.rate", 1_000);
    static final int PACED_SECONDS = 10;

    public static void main(String[] args) throws Exception {
        System.setProperty("signet.build.root", System.getProperty("user.dir"));
        // The service logs as deployed (INFO: one line per accepted request), into a file so that the terminal
        // shows only the figures and warnings. Deployed, it logs to the console, which docker-compose writes; here the
        // file is not rolled, since rolling gzips 10 MB every few seconds at these rates, on the measured cores.
        ConfigurableApplicationContext gateway = TestStack.startGateway(Map.of(
                "signet.gateway.rate-limit.enabled", "false",
                "spring.datasource.hikari.maximum-pool-size", "16",
                "logging.file.name", "target/intake-benchmark.log",
                "logging.threshold.console", "WARN",
                "logging.logback.rollingpolicy.max-file-size", "1GB"));
        try (TopicWatcher topic =
                new TopicWatcher(TestStack.stack().kafka().orElseThrow().bootstrap())) {
            GatewayClient client = new GatewayClient(TestStack.port(gateway), gateway.getBean(DevCredentials.class));
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

            for (int second = 0; second < WARMUP_SECONDS; second += 10) { // JIT, pools, relay
                int length = Math.min(10, WARMUP_SECONDS - second);
                long warmedUp = closedLoop(client, http, Duration.ofSeconds(length));
                System.out.printf(
                        "warm-up, %d-%d s: %.0f accepted/s%n", second, second + length, warmedUp / (double) length);
            }
            long accepted = closedLoop(client, http, Duration.ofSeconds(THROUGHPUT_SECONDS));
            System.out.printf(
                    "accepted requests/s with %d concurrent connections: %.0f (%d in %d s)%n",
                    CONNECTIONS, accepted / (double) THROUGHPUT_SECONDS, accepted, THROUGHPUT_SECONDS);

            // Let the relay drain the backlog of the throughput run before measuring latency.
            long drainStart = System.nanoTime();
            while (topic.distinctEvents() < countRequests(gateway)
                    && System.nanoTime() - drainStart < Duration.ofSeconds(120).toNanos()) {
                Thread.sleep(100); // no spinning: the relay needs the CPU
            }
            System.out.printf(
                    "relay backlog of the throughput run drained %.1f s after it ended%n",
                    (System.nanoTime() - drainStart) / 1e9);
            Map<String, Long> committedAt = paced(client, http);
            long waitStart = System.nanoTime();
            while (!committedAt.keySet().stream().allMatch(topic::hasKey)
                    && System.nanoTime() - waitStart < Duration.ofSeconds(60).toNanos()) {
                Thread.sleep(100);
            }
            long[] latencies = committedAt.keySet().stream()
                    .map(topic::relayLatencyMicros)
                    .filter(java.util.Objects::nonNull)
                    .mapToLong(micros -> micros * 1_000)
                    .sorted()
                    .toArray();
            System.out.printf(
                    "relay commit-to-Kafka latency at %d requests/s (%d requests, %d relayed): p50 %.1f ms, p99 %.1f"
                            + " ms, max %.1f ms%n",
                    PACED_RATE,
                    committedAt.size(),
                    latencies.length,
                    percentile(latencies, 0.50),
                    percentile(latencies, 0.99),
                    latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1] / 1e6);
        } finally {
            gateway.close();
            TestStack.stack().close();
        }
    }

    static long countRequests(ConfigurableApplicationContext gateway) {
        return gateway.getBean(org.jdbi.v3.core.Jdbi.class)
                .withHandle(h -> h.createQuery("select count(*) from gateway.sign_request")
                        .mapTo(Long.class)
                        .one());
    }

    static long closedLoop(GatewayClient client, HttpClient http, Duration duration) throws InterruptedException {
        AtomicLong accepted = new AtomicLong();
        AtomicInteger failed = new AtomicInteger();
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < end) {
                    if (send(client, http) != null) {
                        accepted.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failed.get() > 0) {
            System.out.println("failed requests: " + failed.get());
        }
        return accepted.get();
    }

    /** Open loop at {@link #PACED_RATE}: returns signatureId to nanoTime of its 202. */
    static Map<String, Long> paced(GatewayClient client, HttpClient http) throws InterruptedException {
        Map<String, Long> committedAt = new ConcurrentHashMap<>();
        long intervalNanos = 1_000_000_000L / PACED_RATE;
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < PACED_RATE * PACED_SECONDS; i++) {
            long due = start + i * intervalNanos;
            long early = due - System.nanoTime();
            if (early > 0) {
                LockSupport.parkNanos(early); // parking, not spinning: two cores are all there is
            }
            threads.add(Thread.ofVirtual().start(() -> {
                String id = send(client, http);
                if (id != null) {
                    committedAt.put(id, System.nanoTime());
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        System.out.printf(
                "paced phase: %d of %d requests accepted in %.1f s%n",
                committedAt.size(), PACED_RATE * PACED_SECONDS, (System.nanoTime() - start) / 1e9);
        return committedAt;
    }

    static String send(GatewayClient client, HttpClient http) {
        HttpRequest.Builder request = HttpRequest.newBuilder(client.uri("/v1/sign/onetime"))
                .POST(HttpRequest.BodyPublishers.ofString(GatewayClient.validBody()));
        client.headers().forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                return null;
            }
            String body = response.body();
            int at = body.indexOf("\"signatureId\":\"") + 15;
            return body.substring(at, body.indexOf('"', at));
        } catch (Exception e) {
            return null;
        }
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return Arrays.stream(sorted).skip(Math.max(0, index)).findFirst().orElseThrow() / 1e6;
    }
}
