package io.signet.notifier.access;

import io.signet.platform.secrets.TokenSetting;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Access to the endpoints the gateway calls, {@code /internal/results/…} and {@code /internal/deliveries}
 * ({@code signet.notifier.internal}): they hand out every relying party's results, so only the gateway may call them.
 *
 * @param token the bearer token the gateway sends ({@code SIGNET_INTERNAL_TOKEN}); wins over {@code tokenFile}
 * @param tokenFile a file whose first line is that token ({@code SIGNET_INTERNAL_TOKEN_FILE}); read at start-up. With
 *     neither set those endpoints are open, and must then be kept off every network but the gateway's
 */
@ConfigurationProperties("signet.notifier.internal")
public record InternalProperties(String token, Path tokenFile) {

    /** The configured token, if any. */
    public Optional<String> resolve() {
        return TokenSetting.resolve(token, tokenFile, "the internal token");
    }
}
