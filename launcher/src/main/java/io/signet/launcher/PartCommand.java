package io.signet.launcher;

import io.signet.embedded.KafkaBroker;
import io.signet.launcher.logging.LauncherLogging;
import io.signet.launcher.logging.ServiceAttribution;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The child side of {@code --process-per-service}: {@code signet part <kafka|service>} runs one part in this JVM with
 * the configuration its launcher writes to standard input, logs to {@code <data>/logs/<part>.log}, and ends (closing
 * the part gracefully) when standard input ends, i.e. when the launcher stops it or dies, even by {@code kill -9}: a
 * child never outlives its launcher.
 */
@Command(
        name = "part",
        hidden = true,
        description = "Runs one part for a launcher started with --process-per-service (not for direct use).")
final class PartCommand implements Callable<Integer> {

    static final String KAFKA = "kafka";

    @Parameters(index = "0", description = "kafka or a service name")
    String part;

    @Option(names = "--data-dir", required = true)
    Path dataDir;

    @Option(names = "--port", required = true)
    int port;

    @Override
    public Integer call() {
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Map<String, String> config = PartConfig.read(stdin);
        ServiceAttribution.set(part);
        LauncherLogging logging = LauncherLogging.install(dataDir.resolve("logs"), part);
        AutoCloseable running;
        try {
            running = start(config, logging);
        } catch (RuntimeException e) {
            System.err.println("signet " + part + ": " + FailureMessages.oneLine(e));
            logging.stop();
            return 1;
        }
        Runtime.getRuntime()
                .addShutdownHook(Thread.ofPlatform()
                        .name("signet-part-shutdown")
                        .unstarted(() -> {
                            ServiceAttribution.set(part);
                            try {
                                running.close();
                            } catch (Exception e) {
                                System.err.println(
                                        "signet " + part + ": did not stop cleanly: " + FailureMessages.oneLine(e));
                            } finally {
                                logging.stop();
                            }
                        }));
        awaitEndOfInput(stdin);
        return 0; // main exits the JVM, which runs the hook above
    }

    private AutoCloseable start(Map<String, String> config, LauncherLogging logging) {
        if (part.equals(KAFKA)) {
            return KafkaBroker.start(dataDir.resolve("kafka"), port);
        }
        SignetService service = Arrays.stream(SignetService.values())
                .filter(s -> s.serviceName().equals(part))
                .findFirst()
                .orElseThrow(() -> new LaunchException("unknown part " + part));
        return new ServiceStarter(logging).start(service, config, port).handle();
    }

    private static void awaitEndOfInput(BufferedReader stdin) {
        try {
            while (stdin.read() != -1) {
                // The launcher writes nothing after the configuration; anything else is ignored.
            }
        } catch (IOException e) {
            // A broken pipe means the same as its end: the launcher is gone.
        }
    }
}
