package io.signet.client.bench;

import io.signet.client.sign.ConformanceLevel;
import io.signet.client.sign.HashType;
import io.signet.client.sign.SignatureFormat;
import java.time.Duration;

/**
 * One run's settings.
 *
 * @param rate open model: requests per second, due at fixed times; null in the closed model
 * @param concurrency closed model: requests in flight, each sent when the previous one was called back; null in the
 *     open model
 * @param duration the measured window
 * @param warmup load before the window, not measured
 * @param format raw, CAdES or PAdES
 * @param level B-B, B-T or B-LT
 * @param hashType the hash type of the submitted (random) digests
 * @param keyAlgorithm the one-time key's algorithm; null for Signet's default (EC P-256)
 * @param timeout how long a request may take to be called back before it counts as an error
 */
record BenchConfig(
        Double rate,
        Integer concurrency,
        Duration duration,
        Duration warmup,
        SignatureFormat format,
        ConformanceLevel level,
        HashType hashType,
        String keyAlgorithm,
        Duration timeout) {

    BenchConfig {
        if ((rate == null) == (concurrency == null)) {
            throw new IllegalArgumentException("give either a rate or a concurrency");
        }
        if (rate != null && !(rate > 0)) {
            throw new IllegalArgumentException("--rate must be more than 0");
        }
        if (concurrency != null && concurrency < 1) {
            throw new IllegalArgumentException("--concurrency must be at least 1");
        }
        if (duration.toSeconds() < 1) {
            throw new IllegalArgumentException("--duration must be at least 1 s");
        }
        if (warmup.isNegative() || timeout.toMillis() < 1) {
            throw new IllegalArgumentException("--warmup must not be negative and --timeout must be positive");
        }
    }

    boolean openModel() {
        return rate != null;
    }

    String describe() {
        String load = openModel() ? rate + " requests/s (open model)" : concurrency + " in flight (closed model)";
        return load + ", " + format + " " + level + ", " + duration.toSeconds() + " s after " + warmup.toSeconds()
                + " s warm-up";
    }
}
