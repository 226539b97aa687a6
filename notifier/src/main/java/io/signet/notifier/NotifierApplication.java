package io.signet.notifier;

import io.signet.notifier.delivery.CallbackSender;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The notifier service. Runs on its own or inside the launcher, configured by {@code notifier.yml}. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class NotifierApplication {

    static {
        // Callbacks go to the address the SSRF guard checked, with the host name in the Host header; the JDK HTTP
        // client allows setting that header only when told so before its first use in this JVM.
        CallbackSender.allowHostHeader();
    }

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
