package io.signet.client.bench;

import io.signet.hsm.HsmConfig;
import io.signet.hsm.KeyAlgorithm;
import io.signet.hsm.Pkcs11Token;
import io.signet.hsm.bench.HsmCycleBenchmark;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * Measures the token's raw generate+sign+destroy cycles with the hsm module's {@link HsmCycleBenchmark}, on a token
 * session pool of its own (one session per thread), after one second of warm-up.
 *
 * @param module the PKCS#11 library
 * @param tokenLabel the signing token (the sign-worker's, {@code signet-sign} on the embedded stack)
 * @param pinFile the file holding the token's user PIN
 */
record RawHsmCycles(Path module, String tokenLabel, Path pinFile) {

    static final String WHEN = "before the pipeline run";

    HsmFigures measure(KeyAlgorithm algorithm, int threads, Duration duration) throws InterruptedException {
        char[] pin = HsmConfig.pinFromFile(pinFile);
        try (Pkcs11Token token =
                Pkcs11Token.open(HsmConfig.of(module, tokenLabel, pin).withSessionPoolSize(threads))) {
            HsmCycleBenchmark.run(token, algorithm, threads, Duration.ofSeconds(1));
            HsmCycleBenchmark.Result result = HsmCycleBenchmark.run(token, algorithm, threads, duration);
            return new HsmFigures(
                    WHEN,
                    tokenLabel,
                    algorithm.name(),
                    threads,
                    result.elapsed().toMillis() / 1000.0,
                    result.cycles(),
                    result.failures(),
                    result.cyclesPerSecond());
        } finally {
            Arrays.fill(pin, '\0');
        }
    }
}
