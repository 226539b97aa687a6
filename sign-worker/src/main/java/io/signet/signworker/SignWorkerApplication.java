package io.signet.signworker;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The sign-worker service. Runs on its own or inside the launcher, configured by {@code sign-worker.yml}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SignWorkerApplication {

    /** Name of this service's configuration file, unique so that the launcher's classpath holds all. */
    public static final String CONFIG_NAME = "sign-worker";

    public static void main(String[] args) {
        application().run(args);
    }

    /** The application with its own configuration name, as the launcher and {@link #main} start it. */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(SignWorkerApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return application;
    }
}
