package io.signet.launcher;

import io.signet.embedded.EmbeddedStack;
import io.signet.embedded.EmbeddedStackException;
import io.signet.embedded.ExternalDatabase;
import io.signet.embedded.KafkaBroker;
import io.signet.gateway.dev.DevCredentials;
import io.signet.launcher.logging.LauncherLogging;
import io.signet.launcher.logging.ServiceAttribution;
import io.signet.schemas.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Starts the embedded stack (PostgreSQL, a Kafka broker, SoftHSM2 tokens) and every service in one JVM, prints where
 * everything is, and stops it all on Ctrl-C: services first, then Kafka, then PostgreSQL.
 */
@Command(
        name = "signet",
        mixinStandardHelpOptions = true,
        subcommands = PartCommand.class,
        description = "Starts Signet on the embedded stack. Data lives in the data directory and survives restarts.")
public final class SignetLauncher implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(SignetLauncher.class);

    /** Partitions of a pipeline topic the launcher creates: a few, so that consumers can scale a little. */
    static final int TOPIC_PARTITIONS = 3;

    @Option(names = "--data-dir", description = "Data directory (default: ${DEFAULT-VALUE}).", defaultValue = ".signet")
    Path dataDir;

    @Option(names = "--wipe", description = "Delete the data directory's contents first.")
    boolean wipe;

    @Option(
            names = "--gateway-port",
            description = "api-gateway port (default: ${DEFAULT-VALUE}).",
            defaultValue = "8080")
    int gatewayPort;

    @Option(
            names = "--sign-worker-port",
            defaultValue = "8081",
            description = "sign-worker port (default: ${DEFAULT-VALUE}).")
    int signWorkerPort;

    @Option(
            names = "--cert-worker-port",
            defaultValue = "8082",
            description = "cert-worker port (default: ${DEFAULT-VALUE}).")
    int certWorkerPort;

    @Option(
            names = "--notifier-port",
            defaultValue = "8083",
            description = "notifier port (default: ${DEFAULT-VALUE}).")
    int notifierPort;

    @Option(names = "--audit-port", defaultValue = "8084", description = "audit port (default: ${DEFAULT-VALUE}).")
    int auditPort;

    @Option(
            names = "--db-port",
            defaultValue = "0",
            description = "Embedded PostgreSQL port (default: a free one; printed at start).")
    int dbPort;

    @Option(
            names = "--kafka-port",
            defaultValue = "0",
            description = "Kafka broker port (default: a free one; printed at start).")
    int kafkaPort;

    @Option(
            names = "--external-db",
            paramLabel = "JDBC_URL",
            description = "Use this PostgreSQL instead of the embedded one; user and password from SIGNET_DB_USER and "
                    + "SIGNET_DB_PASSWORD (never on the command line).")
    String externalDb;

    @Option(
            names = "--parallel",
            defaultValue = "" + LaunchOptions.DEFAULT_PARALLELISM,
            description = "Services started at the same time (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(
            names = "--process-per-service",
            description = "Run Kafka and each service as a child process of its own (pids in <data-dir>/pids, output "
                    + "in <data-dir>/logs/<part>.out), e.g. to kill one part; the children end with the launcher.")
    boolean processPerService;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SignetLauncher()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        LaunchOptions options;
        try {
            options = options();
        } catch (LaunchException e) {
            System.err.println("signet: " + e.getMessage());
            return 2;
        }
        RunningSignet signet;
        try {
            signet = processPerService ? ProcessLauncher.start(options) : start(options);
        } catch (LaunchException e) {
            System.err.println("signet: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime()
                .addShutdownHook(Thread.ofPlatform().name("signet-shutdown").unstarted(() -> {
                    System.out.println("signet: stopping…");
                    signet.close();
                    System.out.println("signet: stopped");
                }));
        StartupReport.print(System.out, signet);
        signet.awaitStopped();
        return 0;
    }

    private LaunchOptions options() {
        LaunchOptions options = LaunchOptions.in(dataDir)
                .withWipe(wipe)
                .withPort(SignetService.GATEWAY, gatewayPort)
                .withPort(SignetService.SIGN_WORKER, signWorkerPort)
                .withPort(SignetService.CERT_WORKER, certWorkerPort)
                .withPort(SignetService.NOTIFIER, notifierPort)
                .withPort(SignetService.AUDIT, auditPort)
                .withBackingPorts(dbPort, kafkaPort)
                .withParallelism(parallel);
        String module = System.getenv("SIGNET_HSM_MODULE");
        if (module != null && !module.isBlank()) {
            options = options.withHsmModule(Path.of(module));
        }
        if (externalDb != null) {
            String user = System.getenv().getOrDefault("SIGNET_DB_USER", "signet");
            String password = System.getenv("SIGNET_DB_PASSWORD");
            if (password == null) {
                throw new LaunchException("--external-db needs the database password in SIGNET_DB_PASSWORD");
            }
            options = options.withExternalDatabase(new ExternalDatabase(externalDb, user, password));
        }
        return options;
    }

    /**
     * Points the JVM-wide {@code catalina.home} at this stack's {@code tomcat} directory, created first. The first
     * embedded Tomcat of a JVM stores its base directory there, and every later one makes that directory again if it is
     * missing; in a JVM that runs stack after stack (the tests), the first stack's data directory may be gone, and
     * services starting in parallel then race to re-create it, one of them failing ("Unable to create the directory …
     * to use as the home directory").
     */
    private static void giveTomcatAnExistingHome(Path dataDir) {
        Path home = dataDir.resolve("tomcat");
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new LaunchException("cannot create " + home + ": " + e.getMessage(), e);
        }
        System.setProperty("catalina.home", home.toString());
    }

    /**
     * Starts everything and waits until every service reports UP.
     *
     * @throws LaunchException with one line when something is misconfigured or does not start; whatever had started
     *     is stopped again
     */
    public static RunningSignet start(LaunchOptions requested) {
        long started = System.nanoTime();
        ServiceAttribution.set(ServiceAttribution.LAUNCHER);
        LaunchOptions options = requested.withServicePortsFixed();
        Path dataDir = options.dataDir().toAbsolutePath().normalize();
        try {
            EmbeddedStack.prepare(dataDir, options.wipe());
        } catch (EmbeddedStackException e) {
            throw new LaunchException(e.getMessage(), e);
        }
        LauncherLogging logging = LauncherLogging.install(dataDir.resolve("logs"));
        EmbeddedStack stack;
        try {
            stack = EmbeddedStack.start(options.stackOptions());
        } catch (RuntimeException e) {
            logging.stop();
            throw new LaunchException(FailureMessages.oneLine(e), e);
        }
        LOG.info("embedded stack up after {} ms", (System.nanoTime() - started) / 1_000_000);
        // Created once before the services start, since the gateway and cert-worker both read it in parallel.
        DevCredentials.prepare(dataDir.resolve("dev"));
        List<RunningService> services = new ArrayList<>();
        try {
            giveTomcatAnExistingHome(dataDir);
            services.addAll(new ServiceGroup(new ServiceStarter(logging), options.parallelism())
                    .startAll(
                            List.of(SignetService.values()),
                            service -> properties(stack, service, options),
                            options::port));
            createMissingTopics(stack);
            new HealthWait(new HealthProbe()).awaitUp(services, options.healthTimeout());
        } catch (RuntimeException e) {
            RunningSignet.stopServices(services);
            stack.close();
            logging.stop();
            throw e instanceof LaunchException launch ? launch : new LaunchException(FailureMessages.oneLine(e), e);
        }
        return new RunningSignet(stack, services, logging, Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * The stack's variables (with the service's HSM token, if it has one), where the other services are, the
     * development settings, and last the options' extra properties for this service.
     */
    static Map<String, String> properties(EmbeddedStack stack, SignetService service, LaunchOptions options) {
        Map<String, String> properties =
                new LinkedHashMap<>(service.tokenLabel().map(stack::environment).orElseGet(stack::environment));
        properties.putAll(peerUrls(options));
        // Tomcat's work directory in the data directory, not a fresh one under /tmp per start.
        properties.put(
                "server.tomcat.basedir",
                stack.dataDir().resolve("tomcat").resolve(service.serviceName()).toString());
        // The services' calls to each other (sign claims, results) carry this token, and only its holders are answered.
        properties.put(
                "SIGNET_INTERNAL_TOKEN_FILE",
                SecretTokens.internal(stack.dataDir()).toString());
        if (service == SignetService.SIGN_WORKER) {
            // One sign-worker per launcher: a stable instance id, so a restarted worker fences the one it replaces.
            properties.put("SIGNET_INSTANCE_ID", "embedded");
        }
        properties.putAll(service.developmentProperties(stack.dataDir()));
        properties.putAll(options.serviceProperties(service));
        return properties;
    }

    /**
     * The URLs by which services reach each other (the same variables docker-compose sets); every port is decided
     * before the first service starts ({@link LaunchOptions#withServicePortsFixed()}).
     */
    private static Map<String, String> peerUrls(LaunchOptions options) {
        Map<String, String> urls = new LinkedHashMap<>();
        String caUrl = "http://localhost:" + options.port(SignetService.CERT_WORKER);
        urls.put("SIGNET_CERTWORKER_PUBLIC_URL", caUrl);
        urls.put("SIGNET_TSA_URL", caUrl + "/pki/tsa");
        urls.put("SIGNET_LTV_CRL_URLS", caUrl + "/pki/crl");
        urls.put("SIGNET_NOTIFIER_URL", "http://localhost:" + options.port(SignetService.NOTIFIER));
        return urls;
    }

    /**
     * The services create the topics they own, with their partition counts, when they start (automatic creation is
     * off, as in production). This fills the gaps afterwards, so a topic nobody declares yet does not stall the
     * pipeline; launcher.log names any topic created here.
     */
    private static void createMissingTopics(EmbeddedStack stack) {
        stack.kafka().ifPresent(kafka -> createMissingTopics(kafka.bootstrap()));
    }

    static void createMissingTopics(String bootstrap) {
        List<String> created = new ArrayList<>(KafkaBroker.createTopics(bootstrap, Topics.ALL, TOPIC_PARTITIONS));
        created.addAll(KafkaBroker.createTopics(
                bootstrap, Topics.ALL.stream().map(Topics::dlt).toList(), 1));
        if (!created.isEmpty()) {
            LOG.info("created topics no service declared: {}", created);
        }
    }
}
