package io.signet.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.client.cli.ExitCodes;
import io.signet.client.cli.SignetCommand;
import io.signet.gateway.dev.DevCredentials;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code signet bench} in-process through picocli against the embedded stack, with the settings the launcher writes
 * (gateway, dev credentials, webhook secret, signing token): the whole pipeline is driven to verified callbacks, the
 * token's raw cycles are measured, and the JSON report and PNG chart are written. Figures are not asserted beyond
 * "something was measured": timings depend on the machine.
 */
class BenchCommandIT {

    // Kept when the test fails: the stack's logs are in <data>/logs.
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dataDir;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path work;

    private static RunningSignet signet;

    @BeforeAll
    static void startStackAndWriteClientSettings() {
        signet = SignetLauncher.start(LauncherTestSupport.options(dataDir));
        RunningService gateway = signet.service(SignetService.GATEWAY).orElseThrow();
        StartupReport.writeClientProperties(signet, gateway, DevCredentials.prepare(dataDir.resolve("dev")));
    }

    @AfterAll
    static void stop() {
        if (signet != null) {
            signet.close();
        }
    }

    @Test
    void benchDrivesThePipelineToVerifiedCallbacksAndWritesItsReportChartAndRawHsmFigures() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SignetCommand.run(
                new String[] {
                    "bench",
                    "--rate",
                    "20",
                    "--duration",
                    "5s",
                    "--warmup",
                    "1s",
                    "--hsm-duration",
                    "1s",
                    "--out",
                    "bench.json"
                },
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                Map.of("SIGNET_HOME", dataDir.toString()),
                work);

        assertThat(exit).as(out + "\n" + err).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("throughput:", "latency:", "raw HSM:", "ratio:");
        JsonNode report = JsonMapper.builder().build().readTree(Files.readString(work.resolve("bench.json")));
        JsonNode totals = report.path("totals");
        assertThat(totals.path("sent").asLong()).isPositive();
        assertThat(totals.path("completed").asLong()).as(out.toString()).isPositive();
        assertThat(totals.path("errorCount").asLong()).as(out.toString()).isZero();
        assertThat(totals.path("errors").isEmpty()).isTrue();
        assertThat(totals.path("resultsOk").asLong())
                .isEqualTo(totals.path("completed").asLong());
        assertThat(report.path("throughputPerSecond").asDouble()).isPositive();
        JsonNode latency = report.path("latencyMs");
        assertThat(latency.path("p50Ms").asDouble()).isPositive();
        assertThat(latency.path("p50Ms").asDouble())
                .isLessThanOrEqualTo(latency.path("p95Ms").asDouble())
                .isLessThanOrEqualTo(latency.path("p99Ms").asDouble())
                .isLessThanOrEqualTo(latency.path("maxMs").asDouble());
        assertThat(report.path("series")).hasSize(5);
        assertThat(report.path("hsm").path("cyclesPerSecond").asDouble()).isPositive();
        assertThat(report.path("hsm").path("token").asString()).isEqualTo("signet-sign");
        assertThat(report.path("pipelineToRawRatio").asDouble()).isPositive();
        byte[] png = Files.readAllBytes(work.resolve("bench.png"));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
    }
}
