package io.signet.client.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The lines {@code signet bench} prints when done: the report's figures for a person at a terminal. */
final class BenchSummary {

    private BenchSummary() {}

    static void print(PrintWriter out, BenchReport report, Path json, String chart) {
        BenchReport.Config config = report.config();
        BenchReport.Totals totals = report.totals();
        LatencySummary latency = report.latencyMs();
        String load = config.rate() != null
                ? String.format(Locale.ROOT, "%.0f requests/s (open model)", config.rate())
                : config.concurrency() + " in flight (closed model)";
        line(
                out,
                "signet bench: %s, %s %s, %.0f s measured after %.0f s warm-up",
                load,
                config.format(),
                config.level(),
                config.durationSeconds(),
                config.warmupSeconds());
        String results = totals.resultsChecked() > 0
                ? String.format(Locale.ROOT, " (results read: %d, OK: %d)", totals.resultsChecked(), totals.resultsOk())
                : "";
        line(
                out,
                "requests:   sent %d, accepted %d, completed %d%s",
                totals.sent(),
                totals.accepted(),
                totals.completed(),
                results);
        line(out, "errors:     %s", errors(totals.errors()));
        line(out, "throughput: %.1f completed/s", report.throughputPerSecond());
        line(
                out,
                "latency:    p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (submit to verified callback)",
                latency.p50Ms(),
                latency.p95Ms(),
                latency.p99Ms(),
                latency.maxMs());
        HsmFigures hsm = report.hsm();
        if (hsm == null) {
            line(out, "raw HSM:    not measured (--no-hsm)");
        } else {
            line(
                    out,
                    "raw HSM:    %.1f generate+sign+destroy cycles/s (%s, %d threads, %.1f s, %s, token %s)",
                    hsm.cyclesPerSecond(),
                    hsm.keyAlgorithm(),
                    hsm.threads(),
                    hsm.seconds(),
                    hsm.when(),
                    hsm.token());
            line(out, "ratio:      %.3f (pipeline completed/s over raw HSM cycles/s)", report.pipelineToRawRatio());
            // Every completed signature took at least one generate+sign+destroy cycle on this token, so a raw figure
            // below the pipeline's rate was measured on a busy token or machine, e.g. one still working off an earlier
            // run's requests.
            if (report.pipelineToRawRatio() > 1) {
                line(
                        out,
                        "warning:    the raw HSM figure is below the pipeline's own rate: it was measured while the"
                                + " token or machine was busy (requests left from an earlier run?); measure again on"
                                + " an idle stack");
            }
        }
        if (report.targets() != null) {
            line(
                    out,
                    "targets:    %s (min throughput %s/s, max p99 %s ms)",
                    report.targets().met() ? "met" : "MISSED",
                    report.targets().minThroughput() == null
                            ? "-"
                            : report.targets().minThroughput(),
                    report.targets().maxP99Ms() == null ? "-" : report.targets().maxP99Ms());
        }
        line(out, "report:     %s", json);
        line(out, "chart:      %s", chart);
    }

    private static String errors(Map<String, Long> errors) {
        if (errors.isEmpty()) {
            return "none";
        }
        return errors.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static void line(PrintWriter out, String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
    }
}
