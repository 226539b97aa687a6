package io.signet.client.bench;

/**
 * One second of the measured window.
 *
 * @param second 1 for the window's first second
 * @param completed callbacks received in it (= completed/s)
 * @param p50Ms median latency of those callbacks' requests; null when none arrived
 * @param p99Ms 99th percentile of the same; null when none arrived
 */
public record SecondFigures(int second, long completed, Double p50Ms, Double p99Ms) {}
