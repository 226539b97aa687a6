package io.signet.platform;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Operations defaults shared by every Signet service, added with the lowest precedence so that a
 * service's own file, the environment or the launcher can override each of them.
 */
public final class SignetDefaults implements EnvironmentPostProcessor {

    static final Map<String, Object> DEFAULTS = Map.ofEntries(
            Map.entry("management.endpoints.web.exposure.include", "health,info,prometheus"),
            Map.entry("management.endpoint.health.probes.enabled", "true"),
            Map.entry("management.endpoint.health.show-details", "always"),
            // Readiness covers every backing part a service uses; the ones a service does not use are
            // simply absent, hence no membership validation.
            Map.entry(
                    "management.endpoint.health.group.readiness.include",
                    "readinessState,db,kafka,hsm,certificateReplies"),
            Map.entry("management.endpoint.health.validate-group-membership", "false"),
            Map.entry("management.tracing.sampling.probability", "1.0"),
            Map.entry("management.tracing.propagation.type", "w3c"),
            // Machine-readable logs in files; the console keeps the readable pattern, with the
            // application name and trace id that Spring Boot adds when tracing is on.
            Map.entry("logging.structured.format.file", "ecs"),
            Map.entry("spring.main.banner-mode", "off"),
            Map.entry("spring.threads.virtual.enabled", "true"));

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("signetDefaults", DEFAULTS));
    }
}
