package io.signet.signworker.request;

import io.signet.hsm.KeyAlgorithm;
import io.signet.hsm.KeyHandle;
import io.signet.hsm.KeyStoreToken;
import io.signet.hsm.SignatureAlgorithm;
import io.signet.schemas.Base64Bytes;
import io.signet.schemas.ConformanceLevel;
import io.signet.schemas.HashType;
import io.signet.schemas.SignRequested;
import io.signet.schemas.SignatureFormat;
import io.signet.schemas.SignerClaims;
import io.signet.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * SignWorkerBenchmark: on the same SoftHSM token, raw HSM cycles/s (EC P-256 generate + sign + destroy) with as
 * many threads as the token's session pool (the most the worker can use), then one-time signatures/s through the
 * worker for B-B and B-T (CAdES, EC P-256, SHA-256), and their ratio. Uses the IT's embedded stack with Signet's
 * real cert-worker (CA, TSA, sign claims) in the same JVM, so the figures include claims and certificate issuance.
 *
 * <p>Run: {@code mvn -B -pl sign-worker verify -Dsignet.bench=true -Dit.test=SignWorkerBenchmarkIT -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false} (optional {@code -Dsignet.bench.requests=N}, default 20,000 per phase, and
 * {@code -Dsignet.bench.warmup=N}, default 30,000 B-T signatures before anything is measured, their rate printed per
 * 5,000: it climbs from about 240/s to its plateau over the first 25,000).
 */
@EnabledIfSystemProperty(named = "signet.bench", matches = "true")
class SignWorkerBenchmarkIT {

    private static final int WARM_UP_CHUNK = 5_000;

    @Test
    void benchmark() throws Exception {
        int requests = Integer.getInteger("signet.bench.requests", 20_000);
        int warmup = Integer.getInteger("signet.bench.warmup", 30_000);
        SignWorkerIT.start();
        // The IT's collector decodes and keeps every event (CMS, certificates); here that would take the cores from
        // the worker being measured (a tenth of the JVM's samples). Ends are counted by record key instead.
        SignWorkerIT.results.close();
        SignWorkerIT.results = null;
        try (Ends ends = new Ends()) {
            this.ends = ends;
            KeyStoreToken token = SignWorkerIT.worker.getBean(KeyStoreToken.class);
            int threads = token.poolStats().maxSessions();
            // Not measured: until the JIT compilers have compiled the hot paths, a fresh JVM signs at a third of the
            // speed.
            for (int done = 0; done < warmup; done += WARM_UP_CHUNK) {
                int chunk = Math.min(WARM_UP_CHUNK, warmup - done);
                System.out.printf(
                        "SignWorkerBenchmark: warm-up, B-T %d-%d: %.0f signatures/s%n",
                        done, done + chunk, throughWorker(ConformanceLevel.ADES_B_T, chunk));
            }
            double hsm = rawHsmCycles(token, threads, requests);
            double bb = throughWorker(ConformanceLevel.ADES_B_B, requests);
            double bt = throughWorker(ConformanceLevel.ADES_B_T, requests);
            System.out.printf(
                    "%nSignWorkerBenchmark: raw HSM generate+sign+destroy: %.0f cycles/s on %d threads%n"
                            + "SignWorkerBenchmark: through sign-worker, B-B: %.0f signatures/s (%.0f%% of raw HSM)%n"
                            + "SignWorkerBenchmark: through sign-worker, B-T: %.0f signatures/s (%.0f%% of raw HSM)%n",
                    hsm, threads, bb, 100 * bb / hsm, bt, 100 * bt / hsm);
        } finally {
            SignWorkerIT.stop();
        }
    }

    private static double rawHsmCycles(KeyStoreToken token, int threads, int cycles) throws Exception {
        byte[] digest = new byte[32];
        AtomicInteger left = new AtomicInteger(cycles);
        long start = System.nanoTime();
        try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                executor.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        KeyHandle key = token.generateEphemeral(KeyAlgorithm.EC_P256);
                        token.sign(key, SignatureAlgorithm.ECDSA_SHA256, digest);
                        token.destroy(key);
                    }
                    return null;
                });
            }
            executor.shutdown();
            executor.awaitTermination(10, TimeUnit.MINUTES);
        }
        return cycles / ((System.nanoTime() - start) / 1e9);
    }

    private Ends ends;

    private double throughWorker(ConformanceLevel level, int count) throws Exception {
        List<String> ids = new ArrayList<>(count);
        // The real cert-worker needs a name for the certificate subject.
        SignerClaims claims =
                new SignerClaims("bench-signer", "Erika", "Mustermann", null, null, null, null, "DE", null, null, null);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            SignRequested request = new SignRequested(
                    id,
                    "rp-bench",
                    SignatureFormat.CADES,
                    level,
                    io.signet.schemas.KeyAlgorithm.EC_P256,
                    HashType.SHA2_256,
                    Base64Bytes.of(new byte[32]),
                    null,
                    claims,
                    Instant.now(),
                    Instant.now().plusSeconds(600),
                    null,
                    "n",
                    null,
                    null);
            SignWorkerIT.relyingParty.send(SignWorkerIT.EVENTS.toProducerRecord(request, null));
        }
        SignWorkerIT.relyingParty.flush();
        // Only the requests still open are looked up on each poll: the load generator shares the two cores.
        List<String> open = new ArrayList<>(ids);
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    open.removeIf(ends.completed::contains);
                    return open.stream().allMatch(ends.failed::contains); // every one ended
                });
        double perSecond = count / ((System.nanoTime() - start) / 1e9);
        if (!open.isEmpty()) {
            throw new IllegalStateException(
                    open.size() + " of " + count + " sign requests failed, e.g. " + open.getFirst());
        }
        return perSecond;
    }

    /** The signatureIds (record keys) of every completed and every failed request, read without decoding. */
    private static final class Ends implements AutoCloseable {

        final Set<String> completed = ConcurrentHashMap.newKeySet();
        final Set<String> failed = ConcurrentHashMap.newKeySet();
        private final KafkaConsumer<String, byte[]> consumer = SignWorkerIT.consumer("bench-ends-" + UUID.randomUUID());
        private final Thread thread;

        Ends() {
            consumer.subscribe(List.of(Topics.SIGN_COMPLETED, Topics.SIGN_FAILED));
            thread = Thread.ofPlatform().daemon().name("bench-ends").start(this::run);
        }

        private void run() {
            try {
                while (true) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        (record.topic().equals(Topics.SIGN_COMPLETED) ? completed : failed).add(record.key());
                    }
                }
            } catch (WakeupException e) {
                // closing
            } finally {
                consumer.close();
            }
        }

        @Override
        public void close() throws InterruptedException {
            consumer.wakeup();
            thread.join(5_000);
        }
    }
}
