package io.signet.certworker;

import io.signet.platform.web.DatabaseUnavailableAdvice;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** The cert-worker service. Runs on its own or inside the launcher, configured by {@code cert-worker.yml}. */
@SpringBootApplication
@Import(DatabaseUnavailableAdvice.class) // 503 while PostgreSQL is away
@ConfigurationPropertiesScan
public class CertWorkerApplication {

    /** Name of this service's configuration file, unique so that the launcher's classpath holds all. */
    public static final String CONFIG_NAME = "cert-worker";

    public static void main(String[] args) {
        application().run(args);
    }

    /** The application with its own configuration name, as the launcher and {@link #main} start it. */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(CertWorkerApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return application;
    }
}
