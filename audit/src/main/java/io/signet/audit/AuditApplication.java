package io.signet.audit;

import io.signet.platform.web.DatabaseUnavailableAdvice;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** The audit service. Runs on its own or inside the launcher, configured by {@code audit.yml}. */
@SpringBootApplication
@Import(DatabaseUnavailableAdvice.class) // 503 while PostgreSQL is away
@ConfigurationPropertiesScan
public class AuditApplication {

    /** Name of this service's configuration file, unique so that the launcher's classpath holds all. */
    public static final String CONFIG_NAME = "audit";

    public static void main(String[] args) {
        application().run(args);
    }

    /** The application with its own configuration name, as the launcher and {@link #main} start it. */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(AuditApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return application;
    }
}
