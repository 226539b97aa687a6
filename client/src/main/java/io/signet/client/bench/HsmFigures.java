package io.signet.client.bench;

/**
 * The raw capability of the signing token in the same run: generate an ephemeral key pair, sign one digest, destroy
 * the key, as fast as {@code threads} threads can.
 *
 * @param when when it was measured relative to the pipeline run ({@code before the pipeline run})
 * @param token the token's label
 * @param keyAlgorithm the key pairs generated (the run's key algorithm)
 * @param threads threads cycling at once
 * @param seconds length of the measurement
 * @param cycles cycles done
 * @param failures cycles that failed
 * @param cyclesPerSecond cycles over the measured time
 */
public record HsmFigures(
        String when,
        String token,
        String keyAlgorithm,
        int threads,
        double seconds,
        long cycles,
        long failures,
        double cyclesPerSecond) {}
