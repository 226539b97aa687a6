package io.signet.hsm.bench;

import io.signet.hsm.HsmConfig;
import io.signet.hsm.HsmException;
import io.signet.hsm.KeyAlgorithm;
import io.signet.hsm.KeyHandle;
import io.signet.hsm.KeyStoreToken;
import io.signet.hsm.Pkcs11Token;
import io.signet.hsm.SignatureAlgorithm;
import io.signet.hsm.softhsm.SoftHsmConfig;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Raw HSM throughput: how many generate-ephemeral + sign + destroy cycles per second a token sustains with N threads.
 * It is the upper bound for the signing pipeline, which adds a CSR, a certificate and CMS work around each cycle.
 *
 * <p>Usage: {@code HsmCycleBenchmark [threads=4] [seconds=10] [EC_P256|EC_P384|RSA_3072]} with environment
 * SIGNET_HSM_PIN_FILE (required), SIGNET_HSM_TOKEN (default signet-sign), SIGNET_HSM_MODULE (default: SoftHSM2) and,
 * for SoftHSM, SOFTHSM2_CONF.
 */
public final class HsmCycleBenchmark {

    /** The outcome of one run. */
    public record Result(
            KeyAlgorithm algorithm, int threads, Duration elapsed, long cycles, long failures, double cyclesPerSecond) {

        public String summary() {
            return String.format(
                    Locale.ROOT,
                    "%s: %.1f cycles/s (generate+sign+destroy) with %d threads; %d cycles, %d failures in %.1f s",
                    algorithm,
                    cyclesPerSecond,
                    threads,
                    cycles,
                    failures,
                    elapsed.toMillis() / 1000.0);
        }
    }

    private HsmCycleBenchmark() {}

    /** Runs cycles on {@code threads} threads for about {@code duration}; failed cycles are counted, not fatal. */
    public static Result run(KeyStoreToken token, KeyAlgorithm algorithm, int threads, Duration duration)
            throws InterruptedException {
        SignatureAlgorithm signatureAlgorithm = algorithm.family() == KeyAlgorithm.KeyFamily.EC
                ? SignatureAlgorithm.ECDSA_SHA256
                : SignatureAlgorithm.RSA_PKCS1_SHA256;
        byte[] digest = new byte[32];
        new SecureRandom().nextBytes(digest);
        AtomicLong cycles = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                workers.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        try {
                            KeyHandle key = token.generateEphemeral(algorithm);
                            try {
                                token.sign(key, signatureAlgorithm, digest);
                            } finally {
                                token.destroy(key);
                            }
                            cycles.incrementAndGet();
                        } catch (HsmException e) {
                            failures.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("benchmark worker failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        double perSecond = cycles.get() / (elapsed.toNanos() / 1e9);
        return new Result(algorithm, threads, elapsed, cycles.get(), failures.get(), perSecond);
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        KeyAlgorithm algorithm = args.length > 2 ? KeyAlgorithm.valueOf(args[2]) : KeyAlgorithm.EC_P256;
        String pinFile = System.getenv("SIGNET_HSM_PIN_FILE");
        if (pinFile == null || pinFile.isBlank()) {
            System.err.println("set SIGNET_HSM_PIN_FILE to a file holding the user PIN");
            System.exit(2);
        }
        String label = System.getenv().getOrDefault("SIGNET_HSM_TOKEN", "signet-sign");
        HsmConfig config = HsmConfig.of(
                        SoftHsmConfig.defaultModulePath(), label, HsmConfig.pinFromFile(Path.of(pinFile)))
                .withSessionPoolSize(Math.max(threads, 1));
        try (Pkcs11Token token = Pkcs11Token.open(config)) {
            run(token, algorithm, threads, Duration.ofSeconds(1)); // warm-up
            System.out.println(
                    run(token, algorithm, threads, Duration.ofSeconds(seconds)).summary());
        }
    }
}
