package io.signet.client.bench;

import io.signet.client.callback.CallbackReceiver;
import io.signet.client.callback.WebhookVerifier;
import io.signet.client.cli.CliException;
import io.signet.client.cli.ClientSettings;
import io.signet.client.cli.ConnectionOptions;
import io.signet.client.cli.ExitCodes;
import io.signet.client.cli.SignetCommand;
import io.signet.client.sign.ConformanceLevel;
import io.signet.client.sign.HashType;
import io.signet.client.sign.SignatureFormat;
import io.signet.client.sign.SignetClient;
import io.signet.client.sign.SignetConnection;
import io.signet.hsm.HsmException;
import io.signet.hsm.KeyAlgorithm;
import io.signet.hsm.softhsm.SoftHsmConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code signet bench}: the whole pipeline under load, RP to verified callback, at a target rate (open model) or a
 * fixed concurrency (closed model), with the signing token's raw HSM cycles measured in the same run (before the
 * load). Prints the figures, writes a JSON report and a PNG chart beside it.
 */
@Command(
        name = "bench",
        description = {
            "Drives the whole pipeline (RP -> gateway -> ... -> callback) at a rate or a concurrency and measures"
                    + " throughput and submit-to-callback latency, and the raw HSM cycles/s of the same token.",
            "Settings as for 'sign', plus webhook-secret and hsm-* in client.properties (scripts/run writes them)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the run finished (whether or not the figures are good)",
            "2:wrong command line or missing setting",
            "4:gateway unreachable or the first request refused",
            "5:the first request was not called back (webhook secret, callback allow-list)",
            "6:a target given with --min-throughput or --max-p99 was missed",
            "70:unexpected failure"
        })
public final class BenchCommand implements Callable<Integer> {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    @ParentCommand
    SignetCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @ArgGroup(multiplicity = "1")
    Load load;

    static final class Load {
        @Option(names = "--rate", paramLabel = "N", description = "requests per second, sent at fixed times (open)")
        Double rate;

        @Option(
                names = "--concurrency",
                paramLabel = "N",
                description = "requests in flight, each sent when the previous was called back (closed)")
        Integer concurrency;
    }

    @Option(
            names = "--duration",
            defaultValue = "60s",
            converter = Durations.Converter.class,
            description = "the measured window (60s, 2m, 500ms); default ${DEFAULT-VALUE}")
    Duration duration;

    @Option(
            names = "--warmup",
            defaultValue = "300s",
            converter = Durations.Converter.class,
            // A freshly started stack runs interpreted and C1 code for minutes at these rates. Measured here at 64 in
            // flight (2026-12-05), completed/s per 30 s from the start: 108, 152, 200, 252, 264, 280, 281, 302, 280,
            // 308, 309, 318; so about 5 minutes to the plateau.
            description = "load before the window, not measured, so that the services' JIT compilers have"
                    + " compiled the hot paths; default ${DEFAULT-VALUE}")
    Duration warmup;

    @Option(
            names = "--timeout",
            defaultValue = "60s",
            converter = Durations.Converter.class,
            description = "a request not called back by then is an error; default ${DEFAULT-VALUE}")
    Duration timeout;

    @Option(
            names = "--format",
            defaultValue = "CAdES",
            converter = Converters.Format.class,
            description = "raw, CAdES or PAdES; default ${DEFAULT-VALUE}")
    SignatureFormat format;

    @Option(
            names = "--level",
            defaultValue = "B-T",
            converter = Converters.Level.class,
            description = "B-B, B-T or B-LT; default ${DEFAULT-VALUE}")
    ConformanceLevel level;

    @Option(
            names = "--hash",
            defaultValue = "SHA2-256",
            converter = Converters.Hash.class,
            description = "hash type of the (random) digests; default ${DEFAULT-VALUE}")
    HashType hash;

    @Option(names = "--key-algorithm", description = "EC_P256 (Signet's default), EC_P384 or RSA_3072")
    KeyAlgorithm keyAlgorithm;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "the JSON report (the PNG goes beside it); default signet-bench-<UTC time>.json")
    Path out;

    @Option(names = "--no-hsm", description = "skip the raw HSM measurement (the token is not on this machine)")
    boolean noHsm;

    @Option(names = "--hsm-module", description = "PKCS#11 library (env SIGNET_HSM_MODULE; default SoftHSM2)")
    String hsmModule;

    @Option(
            names = "--hsm-token",
            description = "the signing token's label (env SIGNET_HSM_TOKEN; default signet-sign)")
    String hsmToken;

    @Option(names = "--hsm-pin-file", description = "file with the token's user PIN (env SIGNET_HSM_PIN_FILE)")
    String hsmPinFile;

    @Option(
            names = "--hsm-threads",
            defaultValue = "4",
            description = "threads for the raw HSM cycles; default ${DEFAULT-VALUE}")
    int hsmThreads;

    @Option(
            names = "--hsm-duration",
            defaultValue = "5s",
            converter = Durations.Converter.class,
            description = "length of the raw HSM measurement; default ${DEFAULT-VALUE}")
    Duration hsmDuration;

    @Option(
            names = "--no-result-check",
            description = "do not read each called-back request's result after the run (a callback says it ended, not"
                    + " how)")
    boolean noResultCheck;

    @Option(names = "--min-throughput", paramLabel = "PER_S", description = "exit 6 when fewer completed/s than this")
    Double minThroughput;

    @Option(names = "--max-p99", paramLabel = "MS", description = "exit 6 when the p99 latency exceeds this (ms)")
    Double maxP99Ms;

    @Override
    public Integer call() throws Exception {
        ClientSettings settings = ClientSettings.of(root);
        SignetConnection target = settings.connection(connection);
        String secret = settings.value(null, "SIGNET_WEBHOOK_SECRET", "webhook-secret")
                .orElseThrow(() -> new CliException(
                        ExitCodes.USAGE,
                        "no webhook-secret (the RP's whsec_… callback secret): set SIGNET_WEBHOOK_SECRET, or start"
                                + " the stack with scripts/run (it writes " + settings.fileLocation() + ")"));
        BenchConfig config = config();
        Optional<RawHsmCycles> hsm = noHsm ? Optional.empty() : Optional.of(hsm(settings));
        Path json = settings.workingDir()
                .resolve(out != null ? out : Path.of("signet-bench-" + STAMP.format(Instant.now()) + ".json"));
        Path png = json.resolveSibling(json.getFileName().toString().replaceFirst("(\\.json)?$", ".png"));
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        String startedAt = Instant.now().toString();
        HsmFigures hsmFigures = null;
        if (hsm.isPresent()) {
            err.println("bench: raw HSM cycles on token " + hsm.get().tokenLabel() + " for " + hsmDuration.toSeconds()
                    + " s…");
            err.flush();
            try {
                hsmFigures = hsm.get().measure(hsmAlgorithm(), hsmThreads, hsmDuration);
            } catch (HsmException e) {
                throw new CliException(ExitCodes.USAGE, "raw HSM measurement: " + e.getMessage() + " (or --no-hsm)");
            }
        }

        Measurements.Snapshot figures;
        long[] checked = {0, 0};
        try (ExecutorService httpExecutor = Executors.newVirtualThreadPerTaskExecutor()) {
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .executor(httpExecutor)
                    .build();
            SignetClient client = new SignetClient(target, http);
            AtomicReference<PipelineRun> current = new AtomicReference<>();
            try (CallbackReceiver receiver = CallbackReceiver.start(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    "/bench/callback",
                    new WebhookVerifier(secret),
                    callback -> {
                        PipelineRun run = current.get();
                        if (run != null) {
                            run.onCallback(callback);
                        }
                    })) {
                PipelineRun run = new PipelineRun(client, config, receiver.url().toString(), err);
                current.set(run);
                err.println("bench: " + config.describe() + " against " + target.gatewayUrl() + "…");
                err.flush();
                run.probe();
                figures = run.run();
                if (!noResultCheck) {
                    err.println("bench: reading the results of " + figures.completed() + " requests…");
                    err.flush();
                    checked = run.checkResults();
                    figures = run.snapshot();
                }
            }
        }

        BenchReport report = report(startedAt, config, target, figures, checked, hsmFigures);
        report.write(json);
        String chart;
        try {
            BenchChart.write(report, png);
            chart = png.toString();
        } catch (IOException | RuntimeException | Error e) {
            // The figures are in the JSON; a machine without fonts must not lose them.
            chart = "not written (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
        }
        BenchSummary.print(stdout, report, json, chart);
        stdout.flush();
        return report.targets() != null && !report.targets().met() ? ExitCodes.TARGET_MISSED : ExitCodes.OK;
    }

    private BenchConfig config() {
        try {
            return new BenchConfig(
                    load.rate,
                    load.concurrency,
                    duration,
                    warmup,
                    format,
                    level,
                    hash,
                    keyAlgorithm == null ? null : keyAlgorithm.name(),
                    timeout);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private KeyAlgorithm hsmAlgorithm() {
        return keyAlgorithm != null ? keyAlgorithm : KeyAlgorithm.EC_P256;
    }

    /**
     * The signing token, from options, environment or client.properties. SoftHSM2 reads its configuration from the
     * process's SOFTHSM2_CONF only, so when client.properties names the stack's configuration file, the process must
     * have been started with it (scripts/signet exports it).
     */
    private RawHsmCycles hsm(ClientSettings settings) {
        if (hsmThreads < 1 || hsmDuration.toMillis() < 100) {
            throw new ParameterException(spec.commandLine(), "--hsm-threads must be ≥ 1 and --hsm-duration ≥ 100ms");
        }
        Path module = settings.value(hsmModule, SoftHsmConfig.MODULE_ENV, "hsm-module")
                .map(Path::of)
                .orElseGet(SoftHsmConfig::defaultModulePath);
        String label = settings.value(hsmToken, "SIGNET_HSM_TOKEN", "hsm-token").orElse("signet-sign");
        Path pinFile = settings.workingDir()
                .resolve(settings.value(hsmPinFile, "SIGNET_HSM_PIN_FILE", "hsm-pin-file")
                        .orElseThrow(() -> new CliException(
                                ExitCodes.USAGE,
                                "no hsm-pin-file for the raw HSM measurement: give --hsm-pin-file, set "
                                        + "SIGNET_HSM_PIN_FILE, start the stack with scripts/run, or give --no-hsm")));
        settings.value(null, "SIGNET_SOFTHSM_CONF", "softhsm-conf")
                .map(Path::of)
                .ifPresent(expected -> {
                    Optional<Path> actual = SoftHsmConfig.confFileFromEnvironment();
                    if (actual.isEmpty()
                            || !actual.get()
                                    .toAbsolutePath()
                                    .normalize()
                                    .equals(expected.toAbsolutePath().normalize())) {
                        throw new CliException(
                                ExitCodes.USAGE,
                                "SoftHSM2 reads its configuration from SOFTHSM2_CONF ("
                                        + actual.map(Path::toString).orElse("not set") + "), but the stack's token is "
                                        + "configured in " + expected + ": export SOFTHSM2_CONF=" + expected
                                        + " (scripts/signet does), or give --no-hsm");
                    }
                });
        return new RawHsmCycles(module, label, pinFile);
    }

    private BenchReport report(
            String startedAt,
            BenchConfig config,
            SignetConnection target,
            Measurements.Snapshot figures,
            long[] checked,
            HsmFigures hsmFigures) {
        Double ratio = hsmFigures == null || hsmFigures.cyclesPerSecond() <= 0
                ? null
                : figures.throughputPerSecond() / hsmFigures.cyclesPerSecond();
        return new BenchReport(
                startedAt,
                BenchReport.Config.of(config, target.gatewayUrl().toString()),
                new BenchReport.Totals(
                        figures.sent(),
                        figures.accepted(),
                        figures.completed(),
                        checked[0],
                        checked[1],
                        figures.errorCount(),
                        figures.errors()),
                figures.throughputPerSecond(),
                figures.latency(),
                figures.series(),
                hsmFigures,
                ratio,
                BenchReport.Targets.check(
                        minThroughput,
                        maxP99Ms,
                        figures.throughputPerSecond(),
                        figures.latency().p99Ms()));
    }
}
