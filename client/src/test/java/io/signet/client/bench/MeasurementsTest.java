package io.signet.client.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MeasurementsTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final long WINDOW_START = 100 * SECOND;

    @Test
    void percentilesOfTheMeasuredRequestsAreWithinTheHistogramsPrecision() {
        Measurements measurements = new Measurements(WINDOW_START, Duration.ofSeconds(10));
        // 1,000 measured requests with latencies 1, 2, ..., 1,000 ms, called back in the window's first second.
        for (int i = 1; i <= 1000; i++) {
            long due = WINDOW_START + i;
            measurements.sent();
            measurements.accepted();
            measurements.completed(due, due + i * MS, true);
        }

        LatencySummary latency = measurements.snapshot().latency();

        assertThat(latency.count()).isEqualTo(1000);
        assertThat(latency.p50Ms()).isCloseTo(500, within(0.5));
        assertThat(latency.p95Ms()).isCloseTo(950, within(1.0));
        assertThat(latency.p99Ms()).isCloseTo(990, within(1.0));
        assertThat(latency.maxMs()).isCloseTo(1000, within(1.0));
        assertThat(latency.meanMs()).isCloseTo(500.5, within(0.5));
        assertThat(latency.p50Ms())
                .isLessThanOrEqualTo(latency.p95Ms())
                .isLessThanOrEqualTo(latency.p99Ms())
                .isLessThanOrEqualTo(latency.maxMs());
    }

    @Test
    void onlyRequestsDueInTheWindowAreMeasured() {
        Measurements measurements = new Measurements(WINDOW_START, Duration.ofSeconds(10));

        assertThat(measurements.measured(WINDOW_START - 1)).isFalse(); // warm-up
        assertThat(measurements.measured(WINDOW_START)).isTrue();
        assertThat(measurements.measured(WINDOW_START + 10 * SECOND - 1)).isTrue();
        assertThat(measurements.measured(WINDOW_START + 10 * SECOND)).isFalse(); // after the window
    }

    @Test
    void throughputAndTheSeriesCountCallbacksByArrivalWhicheverRequestTheyBelongTo() {
        Measurements measurements = new Measurements(WINDOW_START, Duration.ofSeconds(4));
        // A warm-up request called back in second 1: counted in throughput and series, not in the latencies.
        measurements.completed(WINDOW_START - SECOND, WINDOW_START + 100 * MS, false);
        // Three measured ones in second 2, one in second 4, one after the window (late, still in the latencies).
        measurements.completed(WINDOW_START + SECOND, WINDOW_START + SECOND + 10 * MS, true);
        measurements.completed(WINDOW_START + SECOND, WINDOW_START + SECOND + 20 * MS, true);
        measurements.completed(WINDOW_START + SECOND, WINDOW_START + SECOND + 30 * MS, true);
        measurements.completed(WINDOW_START + 3 * SECOND, WINDOW_START + 3 * SECOND + 40 * MS, true);
        measurements.completed(WINDOW_START + 3 * SECOND, WINDOW_START + 5 * SECOND, true);

        Measurements.Snapshot snapshot = measurements.snapshot();

        assertThat(snapshot.completed()).isEqualTo(5);
        assertThat(snapshot.latency().count()).isEqualTo(5);
        assertThat(snapshot.throughputPerSecond()).isEqualTo(5 / 4.0);
        assertThat(snapshot.series()).extracting(SecondFigures::second).containsExactly(1, 2, 3, 4);
        assertThat(snapshot.series()).extracting(SecondFigures::completed).containsExactly(1L, 3L, 0L, 1L);
        SecondFigures second = snapshot.series().get(1);
        assertThat(second.p50Ms()).isCloseTo(20, within(0.5));
        assertThat(second.p99Ms()).isCloseTo(30, within(0.5));
        assertThat(snapshot.series().get(2).p50Ms()).isNull();
        assertThat(snapshot.series().get(2).p99Ms()).isNull();
    }

    @Test
    void errorsAreCountedByKind() {
        Measurements measurements = new Measurements(WINDOW_START, Duration.ofSeconds(1));
        measurements.error("http 503");
        measurements.error("http 503");
        measurements.error("no callback within 60 s");

        Measurements.Snapshot snapshot = measurements.snapshot();

        assertThat(snapshot.errors())
                .containsExactly(
                        java.util.Map.entry("http 503", 2L), java.util.Map.entry("no callback within 60 s", 1L));
        assertThat(snapshot.errorCount()).isEqualTo(3);
    }
}
