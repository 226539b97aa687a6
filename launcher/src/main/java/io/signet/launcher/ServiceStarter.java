package io.signet.launcher;

import io.signet.launcher.logging.LauncherLogging;
import io.signet.launcher.logging.LogEventCounts;
import io.signet.launcher.logging.ServiceAttribution;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts one service in its own Spring context, configured as in production by its own configuration file, with the
 * embedded stack's variables, its port and its log file added on top. Call {@link #start} on a fresh thread: the
 * thread is marked as the service's for log routing and the service's threads inherit the mark.
 */
final class ServiceStarter {

    /** The services listen on loopback only: the embedded stack is a developer's, not a public server. */
    static final String ADDRESS = "127.0.0.1";

    /** The Spring profile every service runs with inside the launcher. */
    static final String PROFILE = "dev";

    private final LauncherLogging logging;

    ServiceStarter(LauncherLogging logging) {
        this.logging = logging;
    }

    /**
     * @param environment the {@code SIGNET_*} variables for this service (database, Kafka, HSM token)
     * @param port its HTTP port, 0 for a free one
     * @throws LaunchException with one line when the service does not start
     */
    RunningService start(SignetService service, Map<String, String> environment, int port) {
        ServiceAttribution.set(service.serviceName());
        Path logFile = logging.addService(service.serviceName());
        Map<String, Object> properties = new LinkedHashMap<>(environment);
        // The embedded stack is the development set-up: development credentials, http callbacks on loopback.
        properties.put("spring.profiles.active", PROFILE);
        properties.put("server.address", ADDRESS);
        // Micrometer's static global registry is one per JVM; services sharing it would see each other's meters.
        properties.put("management.metrics.use-global-registry", "false");
        properties.put("server.port", String.valueOf(port));
        // Read by the actuator's logfile endpoint; the file itself is written by the launcher's logging.
        properties.put("logging.file.name", logFile.toString());

        SpringApplication application = service.application();
        // One hook for the whole launcher closes services, then Kafka, then PostgreSQL, in that order.
        application.setRegisterShutdownHook(false);
        application.addListeners(new LauncherProperties(properties));
        LogEventCounts logEvents = logging.eventCounts(service.serviceName());
        application.addInitializers(context ->
                context.getBeanFactory().registerSingleton("logbackMetrics", new ServiceLogbackMetrics(logEvents)));
        try {
            ConfigurableApplicationContext context = application.run();
            int actualPort =
                    ((WebServerApplicationContext) context).getWebServer().getPort();
            return new RunningService(service, context, actualPort);
        } catch (RuntimeException e) {
            throw new LaunchException(
                    service.serviceName() + " did not start: " + FailureMessages.oneLine(e) + " (log: " + logFile + ")",
                    e);
        }
    }

    /**
     * Puts the launcher's properties in front of everything else, before the service's configuration files are read,
     * so that its {@code ${SIGNET_…}} placeholders resolve to the embedded stack whatever the process environment says.
     */
    private record LauncherProperties(Map<String, Object> properties)
            implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            event.getEnvironment().getPropertySources().addFirst(new MapPropertySource("signet-launcher", properties));
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
