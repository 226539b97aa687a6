package io.signet.client.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The PNG beside the JSON report: completed/s above, p50 and p99 latency below, over the window's seconds. */
final class BenchChart {

    private static final int WIDTH = 1100;
    private static final int HEIGHT = 700;

    private BenchChart() {}

    static void write(BenchReport report, Path png) throws IOException {
        // No display on servers and CI: JFreeChart draws into an image only.
        System.setProperty("java.awt.headless", "true");
        List<SecondFigures> series = report.series();
        XYSeries completed = new XYSeries("completed/s");
        // A second without callbacks has no latency: a gap in the line, not a drop to 0.
        XYSeries p50 = new XYSeries("p50 ms", true, true);
        XYSeries p99 = new XYSeries("p99 ms", true, true);
        for (SecondFigures second : series) {
            completed.add(second.second(), second.completed());
            p50.add(second.second(), second.p50Ms());
            p99.add(second.second(), second.p99Ms());
        }
        XYPlot throughput = plot(new XYSeriesCollection(completed), "completed/s", Color.BLUE.darker());
        XYSeriesCollection latencies = new XYSeriesCollection(p50);
        latencies.addSeries(p99);
        XYPlot latency = plot(latencies, "latency ms (submit to callback)", new Color(0, 128, 0), Color.RED);

        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(new NumberAxis("second of the measured window"));
        combined.add(throughput, 1);
        combined.add(latency, 1);
        JFreeChart chart = new JFreeChart(title(report), JFreeChart.DEFAULT_TITLE_FONT, combined, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }

    private static XYPlot plot(XYSeriesCollection data, String axis, Color... colours) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < colours.length; i++) {
            renderer.setSeriesPaint(i, colours[i]);
            renderer.setSeriesStroke(i, new BasicStroke(1.5f));
        }
        NumberAxis range = new NumberAxis(axis);
        range.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(data, null, range, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }

    private static String title(BenchReport report) {
        BenchReport.Config config = report.config();
        String load = config.rate() != null
                ? config.rate() + "/s open model"
                : config.concurrency() + " in flight, closed model";
        return String.format(
                java.util.Locale.ROOT,
                "signet bench: %s %s, %s — %.1f completed/s, p99 %.1f ms",
                config.format(),
                config.level(),
                load,
                report.throughputPerSecond(),
                report.latencyMs().p99Ms());
    }
}
