package io.signet.notifier;

import io.signet.platform.web.DatabaseUnavailableAdvice;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The notifier service. Runs on its own or inside the launcher, configured by {@code notifier.yml}. */
@SpringBootApplication
@Import(DatabaseUnavailableAdvice.class) // 503 while PostgreSQL is away
@ConfigurationPropertiesScan
@EnableScheduling
public class NotifierApplication {

    /** Name of this service's configuration file, unique so that the launcher's classpath holds all. */
    public static final String CONFIG_NAME = "notifier";

    public static void main(String[] args) {
        application().run(args);
    }

    /** The application with its own configuration name, as the launcher and {@link #main} start it. */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(NotifierApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return application;
    }
}
