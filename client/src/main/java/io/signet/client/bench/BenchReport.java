package io.signet.client.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code signet bench} writes as JSON (and prints): the settings, the totals, the percentiles, the per-second
 * series, the raw HSM figures and the pipeline-to-raw ratio.
 *
 * @param startedAt when the run started (ISO-8601 UTC)
 * @param config the settings
 * @param totals the measured requests' counts
 * @param throughputPerSecond callbacks received in the measured window over its length
 * @param latencyMs submit to verified callback of the measured requests (open model: from the intended send time)
 * @param series per second of the measured window: callbacks received and their p50/p99
 * @param hsm raw HSM cycles on the same token; null with {@code --no-hsm}
 * @param pipelineToRawRatio throughput over raw HSM cycles/s; null without HSM figures
 * @param targets the {@code --min-throughput}/{@code --max-p99} checks; null when none was given
 */
public record BenchReport(
        String startedAt,
        Config config,
        Totals totals,
        double throughputPerSecond,
        LatencySummary latencyMs,
        List<SecondFigures> series,
        HsmFigures hsm,
        Double pipelineToRawRatio,
        Targets targets) {

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /**
     * The settings, as given.
     *
     * @param model {@code open} (rate) or {@code closed} (concurrency)
     * @param rate requests per second in the open model, else null
     * @param concurrency requests in flight in the closed model, else null
     * @param durationSeconds the measured window
     * @param warmupSeconds the warm-up before it
     * @param timeoutSeconds a request not called back by then is an error
     * @param format raw, CAdES or PAdES
     * @param level AdES-B-B, AdES-B-T or AdES-B-LT
     * @param hashType of the submitted digests
     * @param keyAlgorithm of the one-time keys; null for Signet's default
     * @param gateway the gateway's URL
     */
    public record Config(
            String model,
            Double rate,
            Integer concurrency,
            double durationSeconds,
            double warmupSeconds,
            double timeoutSeconds,
            String format,
            String level,
            String hashType,
            String keyAlgorithm,
            String gateway) {

        static Config of(BenchConfig config, String gateway) {
            return new Config(
                    config.openModel() ? "open" : "closed",
                    config.rate(),
                    config.concurrency(),
                    config.duration().toMillis() / 1000.0,
                    config.warmup().toMillis() / 1000.0,
                    config.timeout().toMillis() / 1000.0,
                    config.format().apiName(),
                    config.level().apiName(),
                    config.hashType().apiName(),
                    config.keyAlgorithm(),
                    gateway);
        }
    }

    /**
     * Counts of the requests due in the measured window.
     *
     * @param sent submitted
     * @param accepted answered 202
     * @param completed called back with a verified callback before the timeout
     * @param resultsChecked completed requests whose result was read afterwards (0 with {@code --no-result-check})
     * @param resultsOk of those, with status OK
     * @param errorCount all errors
     * @param errors by kind
     */
    public record Totals(
            long sent,
            long accepted,
            long completed,
            long resultsChecked,
            long resultsOk,
            long errorCount,
            Map<String, Long> errors) {}

    /**
     * The CI checks.
     *
     * @param minThroughput the least throughput asked for, or null
     * @param maxP99Ms the largest p99 allowed, or null
     * @param met whether both hold
     */
    public record Targets(Double minThroughput, Double maxP99Ms, boolean met) {

        static Targets check(Double minThroughput, Double maxP99Ms, double throughput, double p99Ms) {
            if (minThroughput == null && maxP99Ms == null) {
                return null;
            }
            boolean met =
                    (minThroughput == null || throughput >= minThroughput) && (maxP99Ms == null || p99Ms <= maxP99Ms);
            return new Targets(minThroughput, maxP99Ms, met);
        }
    }

    String toJson() {
        return JSON.writeValueAsString(this);
    }

    void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson() + "\n");
    }
}
