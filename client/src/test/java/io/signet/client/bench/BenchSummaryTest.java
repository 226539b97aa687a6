package io.signet.client.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchSummaryTest {

    private static String printed(BenchReport report) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            BenchSummary.print(out, report, Path.of("bench.json"), "bench.png");
        }
        return text.toString();
    }

    private static HsmFigures rawCycles(double perSecond) {
        return new HsmFigures(
                RawHsmCycles.WHEN, "signet-sign", "EC_P256", 4, 5.0, (long) (5 * perSecond), 0, perSecond);
    }

    @Test
    void theSummaryGivesThroughputLatencyRawHsmAndRatio() {
        String summary = printed(BenchReportTest.sample(rawCycles(3800.0)));

        assertThat(summary)
                .contains("throughput: 399.0 completed/s")
                .contains("p50 80.1 ms, p95 150.2 ms, p99 210.3 ms, max 400.4 ms")
                .contains("raw HSM:    3800.0 generate+sign+destroy cycles/s")
                .contains("ratio:      0.105")
                .doesNotContain("warning");
    }

    @Test
    void aRawFigureBelowThePipelinesRateIsFlaggedAsMeasuredOnABusyStack() {
        // The sample pipeline completed 399/s; a token that managed only 236 cycles/s was busy with other work.
        String summary = printed(BenchReportTest.sample(rawCycles(236.0)));

        assertThat(summary).contains("ratio:      1.691").contains("warning:    the raw HSM figure is below");
    }
}
