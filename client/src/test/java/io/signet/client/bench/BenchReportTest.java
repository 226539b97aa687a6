package io.signet.client.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.client.sign.ConformanceLevel;
import io.signet.client.sign.HashType;
import io.signet.client.sign.SignatureFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BenchReportTest {

    @TempDir
    Path dir;

    static BenchReport sample(HsmFigures hsm) {
        BenchConfig config = new BenchConfig(
                400.0,
                null,
                Duration.ofSeconds(2),
                Duration.ofSeconds(1),
                SignatureFormat.CADES,
                ConformanceLevel.B_T,
                HashType.fromApiName("SHA2-256"),
                null,
                Duration.ofSeconds(60));
        return new BenchReport(
                "2026-11-23T10:00:00Z",
                BenchReport.Config.of(config, "http://127.0.0.1:8080"),
                new BenchReport.Totals(800, 799, 798, 798, 797, 3, Map.of("http 503", 1L, "result ERROR", 1L)),
                399.0,
                new LatencySummary(798, 80.1, 150.2, 210.3, 400.4, 90.5),
                List.of(
                        new SecondFigures(1, 398, 79.0, 205.0),
                        new SecondFigures(2, 400, 81.0, 215.0),
                        new SecondFigures(3, 0, null, null)),
                hsm,
                hsm == null ? null : 399.0 / hsm.cyclesPerSecond(),
                BenchReport.Targets.check(300.0, 250.0, 399.0, 210.3));
    }

    @Test
    void theJsonReportHoldsConfigTotalsPercentilesSeriesHsmFiguresAndTheRatio() throws Exception {
        HsmFigures hsm = new HsmFigures(RawHsmCycles.WHEN, "signet-sign", "EC_P256", 4, 5.0, 19_000, 0, 3800.0);
        Path file = dir.resolve("out/bench.json");

        sample(hsm).write(file);
        JsonNode json = JsonMapper.builder().build().readTree(Files.readString(file));

        assertThat(json.path("startedAt").asString()).isEqualTo("2026-11-23T10:00:00Z");
        JsonNode config = json.path("config");
        assertThat(config.path("model").asString()).isEqualTo("open");
        assertThat(config.path("rate").asDouble()).isEqualTo(400.0);
        assertThat(config.path("concurrency").isNull()).isTrue();
        assertThat(config.path("durationSeconds").asDouble()).isEqualTo(2.0);
        assertThat(config.path("warmupSeconds").asDouble()).isEqualTo(1.0);
        assertThat(config.path("format").asString()).isEqualTo("CAdES");
        assertThat(config.path("level").asString()).isEqualTo("AdES-B-T");
        JsonNode totals = json.path("totals");
        assertThat(totals.path("sent").asLong()).isEqualTo(800);
        assertThat(totals.path("accepted").asLong()).isEqualTo(799);
        assertThat(totals.path("completed").asLong()).isEqualTo(798);
        assertThat(totals.path("resultsOk").asLong()).isEqualTo(797);
        assertThat(totals.path("errorCount").asLong()).isEqualTo(3);
        assertThat(totals.path("errors").path("http 503").asLong()).isEqualTo(1);
        assertThat(json.path("throughputPerSecond").asDouble()).isEqualTo(399.0);
        JsonNode latency = json.path("latencyMs");
        assertThat(latency.path("p50Ms").asDouble()).isEqualTo(80.1);
        assertThat(latency.path("p95Ms").asDouble()).isEqualTo(150.2);
        assertThat(latency.path("p99Ms").asDouble()).isEqualTo(210.3);
        assertThat(latency.path("maxMs").asDouble()).isEqualTo(400.4);
        assertThat(json.path("series")).hasSize(3);
        assertThat(json.path("series").get(2).path("p99Ms").isNull()).isTrue();
        assertThat(json.path("series").get(1).path("second").asInt()).isEqualTo(2);
        assertThat(json.path("series").get(1).path("completed").asLong()).isEqualTo(400);
        assertThat(json.path("series").get(1).path("p99Ms").asDouble()).isEqualTo(215.0);
        assertThat(json.path("hsm").path("cyclesPerSecond").asDouble()).isEqualTo(3800.0);
        assertThat(json.path("hsm").path("when").asString()).isEqualTo("before the pipeline run");
        assertThat(json.path("pipelineToRawRatio").asDouble()).isEqualTo(399.0 / 3800.0);
        assertThat(json.path("targets").path("met").asBoolean()).isTrue();
    }

    @Test
    void withoutTheHsmTheFiguresAndTheRatioAreNull() {
        JsonNode json = JsonMapper.builder().build().readTree(sample(null).toJson());

        assertThat(json.has("hsm")).isTrue();
        assertThat(json.path("hsm").isNull()).isTrue();
        assertThat(json.path("pipelineToRawRatio").isNull()).isTrue();
    }

    @Test
    void targetsAreMissedWhenThroughputIsLowOrP99High() {
        assertThat(BenchReport.Targets.check(null, null, 1, 1)).isNull();
        assertThat(BenchReport.Targets.check(800.0, null, 799.9, 1).met()).isFalse();
        assertThat(BenchReport.Targets.check(800.0, null, 800.0, 1).met()).isTrue();
        assertThat(BenchReport.Targets.check(null, 300.0, 1, 300.1).met()).isFalse();
        assertThat(BenchReport.Targets.check(null, 300.0, 1, 300.0).met()).isTrue();
    }

    @Test
    void theChartIsAPng() throws Exception {
        Path png = dir.resolve("bench.png");

        BenchChart.write(sample(null), png);

        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
    }
}
