package io.signet.launcher.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.ContextBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The launcher's logging: one JVM-wide Logback set-up, made once, that writes each service's lines as ECS JSON to
 * {@code <logDir>/<service>.log} and warnings and errors (without stack traces) to the console.
 *
 * <p>Why the launcher owns logging: Spring Boot's logging system is JVM-global. Left on, every service's context
 * would re-initialise the one Logback context with its own file (the last one wins for all services) and closing any
 * context would stop logging for the others. So {@link #install} switches Spring Boot's logging system off
 * ({@code org.springframework.boot.logging.LoggingSystem=none}) before any service starts. Consequence: the services'
 * {@code logging.*} properties have no effect inside the launcher; levels are set here. Thread-safe.
 */
public final class LauncherLogging {

    private static final Map<String, Level> LEVELS = Map.of(
            "org.apache.kafka", Level.WARN,
            "kafka", Level.WARN,
            "state.change.logger", Level.WARN,
            "io.zonky", Level.WARN,
            "org.apache.catalina.startup.DigesterFactory", Level.ERROR,
            "org.apache.catalina.util.LifecycleBase", Level.ERROR);

    /**
     * Level of Signet's own loggers ({@code io.signet}): the system property, else the environment variable
     * {@code SIGNET_LOG_LEVEL}, else INFO. DEBUG adds one line per request and step (ids and trace id only).
     */
    public static final String LEVEL_PROPERTY = "signet.log.level";

    // The launcher reports a failed start in one line of its own; these would add the stack trace wall.
    private static final String[] QUIET_ON_CONSOLE = {
        "org.springframework.boot.SpringApplication", "org.springframework.boot.diagnostics"
    };

    private static LauncherLogging installed;

    private final LoggerContext context;
    private final ServiceRoutingAppender files;
    private final Path logDir;
    // Names the file of lines no service claims: "launcher", or the part a child process of the launcher runs.
    private final String ownName;

    private LauncherLogging(LoggerContext context, ServiceRoutingAppender files, Path logDir, String ownName) {
        this.context = context;
        this.files = files;
        this.logDir = logDir;
        this.ownName = ownName;
    }

    /** {@link #install(Path, String)} for the launcher itself: unclaimed lines go to {@code launcher.log}. */
    public static LauncherLogging install(Path logDir) {
        return install(logDir, ServiceAttribution.LAUNCHER);
    }

    /**
     * Configures Logback (replacing any earlier configuration, e.g. a test's) with the launcher's file in
     * {@code logDir}. Installing again with another directory moves the launcher's file there.
     *
     * @param ownName the file (and ECS service name) of lines no service claims: in a child process that runs one
     *     part, that part's own name, so that the part has one file
     */
    public static synchronized LauncherLogging install(Path logDir, String ownName) {
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        if (installed != null && installed.context == context) {
            installed.files.register(ServiceAttribution.LAUNCHER, installed.fileAppender(ownName, logDir));
            return installed = new LauncherLogging(context, installed.files, logDir, ownName);
        }
        context.reset();
        LevelChangePropagator propagator = new LevelChangePropagator();
        propagator.setContext(context);
        propagator.setResetJUL(true);
        propagator.start();
        context.addListener(propagator);
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();

        ServiceRoutingAppender files = new ServiceRoutingAppender();
        files.setContext(context);
        files.setName("service-files");
        files.start();
        LauncherLogging logging = new LauncherLogging(context, files, logDir, ownName);
        files.register(ServiceAttribution.LAUNCHER, logging.fileAppender(ownName, logDir));

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(files);
        root.addAppender(logging.consoleAppender());
        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        context.getLogger("io.signet").setLevel(signetLevel());
        context.start(); // after an earlier stop() in this JVM (tests start the launcher more than once)
        installed = logging;
        return logging;
    }

    /** The configured level of Signet's own loggers; an unknown name falls back to INFO. */
    public static Level signetLevel() {
        String configured = System.getProperty(LEVEL_PROPERTY, System.getenv("SIGNET_LOG_LEVEL"));
        return Level.toLevel(configured, Level.INFO);
    }

    /** Where {@code service}'s lines go. */
    public Path logFile(String service) {
        return logDir.resolve(service + ".log");
    }

    /** How many events of each level {@code service}'s file received; call after {@link #addService}. */
    public LogEventCounts eventCounts(String service) {
        LogEventCounts counts = files.counts(service);
        if (counts == null) {
            throw new IllegalStateException("no log file for " + service);
        }
        return counts;
    }

    /** Starts a file for {@code service}; call before the service's first line. */
    public Path addService(String service) {
        if (service.equals(ownName)) {
            files.alias(service, ServiceAttribution.LAUNCHER); // one appender per file
        } else {
            files.register(service, fileAppender(service, logDir));
        }
        return logFile(service);
    }

    private RollingFileAppender<ILoggingEvent> fileAppender(String service, Path dir) {
        String file = dir.resolve(service + ".log").toString();
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("file-" + service);
        appender.setFile(file);
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new SizeAndTimeBasedRollingPolicy<>();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(file + ".%d{yyyy-MM-dd}.%i.gz");
        rolling.setMaxFileSize(FileSize.valueOf("10MB"));
        rolling.setMaxHistory(7);
        rolling.setTotalSizeCap(FileSize.valueOf("500MB"));
        rolling.start();
        appender.setRollingPolicy(rolling);
        appender.setEncoder(ecsEncoder(service));
        appender.start();
        return appender;
    }

    // Spring Boot's ECS encoder takes the service name from a Spring Environment it finds in its Logback context;
    // each service's encoder gets a small context of its own holding one that names the service.
    private StructuredLogEncoder ecsEncoder(String service) {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource("signet-log", Map.of("spring.application.name", service)));
        ContextBase encoderContext = new ContextBase();
        encoderContext.putObject(Environment.class.getName(), environment);
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(encoderContext);
        encoder.setFormat("ecs");
        encoder.start();
        return encoder;
    }

    private ConsoleAppender<ILoggingEvent> consoleAppender() {
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setTarget("System.err");
        ThresholdFilter warnings = new ThresholdFilter();
        warnings.setLevel("WARN");
        warnings.start();
        console.addFilter(warnings);
        console.addFilter(new ch.qos.logback.core.filter.Filter<>() {
            @Override
            public ch.qos.logback.core.spi.FilterReply decide(ILoggingEvent event) {
                for (String quiet : QUIET_ON_CONSOLE) {
                    if (event.getLoggerName().startsWith(quiet)) {
                        return ch.qos.logback.core.spi.FilterReply.DENY;
                    }
                }
                return ch.qos.logback.core.spi.FilterReply.NEUTRAL;
            }
        });
        ConsoleLineLayout layout = new ConsoleLineLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        console.setEncoder(encoder);
        console.start();
        return console;
    }

    /** Flushes and closes all files; call last, after every service and the stack have stopped. */
    public void stop() {
        synchronized (LauncherLogging.class) {
            if (installed == this) {
                installed = null;
            }
        }
        context.stop();
    }
}
