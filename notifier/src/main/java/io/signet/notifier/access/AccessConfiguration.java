package io.signet.notifier.access;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bearer tokens in front of the notifier's non-public endpoints: the ops token on {@code /internal/ops/*} (dead letters,
 * re-drive; {@code signet redrive}), the internal token on what the gateway calls ({@code /internal/results/*},
 * {@code /internal/deliveries}). Either unset leaves its endpoints open, with a warning at start-up.
 */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

    /** Path prefix of every ops endpoint; nothing else lives under it. */
    static final String OPS_PATH = "/internal/ops/*";

    /** The endpoints the gateway calls. */
    static final String[] GATEWAY_PATHS = {"/internal/results/*", "/internal/deliveries"};

    private static final Logger log = LoggerFactory.getLogger(AccessConfiguration.class);

    @Bean
    FilterRegistrationBean<BearerTokenFilter> opsTokenFilter(OpsProperties properties) {
        return registration(
                "opsTokenFilter",
                properties.resolve(),
                "signet-ops",
                "the ops token",
                "no ops token configured (SIGNET_OPS_TOKEN or SIGNET_OPS_TOKEN_FILE): the dead-letter endpoints under"
                        + " /internal/ops/ are open; keep them off every network ops do not control",
                OPS_PATH);
    }

    @Bean
    FilterRegistrationBean<BearerTokenFilter> internalTokenFilter(InternalProperties properties) {
        return registration(
                "internalTokenFilter",
                properties.resolve(),
                "signet-internal",
                "the internal token",
                "no internal token configured (SIGNET_INTERNAL_TOKEN or SIGNET_INTERNAL_TOKEN_FILE): every relying"
                        + " party's results are open at /internal/results and /internal/deliveries; keep them off"
                        + " every network but the gateway's",
                GATEWAY_PATHS);
    }

    private static FilterRegistrationBean<BearerTokenFilter> registration(
            String name, Optional<String> token, String realm, String what, String openWarning, String... paths) {
        FilterRegistrationBean<BearerTokenFilter> registration = new FilterRegistrationBean<>();
        registration.setName(name);
        if (token.isEmpty()) {
            log.warn(openWarning);
            registration.setEnabled(false);
            registration.setFilter(new BearerTokenFilter("unused", realm, what));
            return registration;
        }
        registration.setFilter(new BearerTokenFilter(token.get(), realm, what));
        registration.addUrlPatterns(paths);
        return registration;
    }
}
