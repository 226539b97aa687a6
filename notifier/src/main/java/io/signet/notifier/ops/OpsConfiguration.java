package io.signet.notifier.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts {@link OpsTokenFilter} in front of {@code /internal/ops/*} when an ops token is configured. The gateway's
 * internal calls ({@code /internal/results}, {@code /internal/deliveries}) are not under that path and stay as they
 * are.
 */
@Configuration(proxyBeanMethods = false)
class OpsConfiguration {

    /** Path prefix of every ops endpoint; nothing else lives under it. */
    static final String OPS_PATH = "/internal/ops/*";

    private static final Logger log = LoggerFactory.getLogger(OpsConfiguration.class);

    @Bean
    FilterRegistrationBean<OpsTokenFilter> opsTokenFilter(OpsProperties properties) {
        Optional<String> token = token(properties);
        FilterRegistrationBean<OpsTokenFilter> registration = new FilterRegistrationBean<>();
        if (token.isEmpty()) {
            log.warn("no ops token configured (SIGNET_OPS_TOKEN or SIGNET_OPS_TOKEN_FILE): the dead-letter endpoints"
                    + " under /internal/ops/ are open; keep them off every network ops do not control");
            registration.setEnabled(false);
            registration.setFilter(new OpsTokenFilter("unused"));
            return registration;
        }
        registration.setFilter(new OpsTokenFilter(token.get()));
        registration.addUrlPatterns(OPS_PATH);
        registration.setName("opsTokenFilter");
        return registration;
    }

    static Optional<String> token(OpsProperties properties) {
        if (properties.token() != null && !properties.token().isBlank()) {
            return Optional.of(properties.token().strip());
        }
        if (properties.tokenFile() == null || properties.tokenFile().toString().isEmpty()) {
            return Optional.empty();
        }
        try {
            String first = Files.readAllLines(properties.tokenFile()).stream()
                    .findFirst()
                    .map(String::strip)
                    .orElse("");
            if (first.isEmpty()) {
                throw new IllegalStateException("the ops token file " + properties.tokenFile() + " is empty");
            }
            return Optional.of(first);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ops token file " + properties.tokenFile(), e);
        }
    }
}
