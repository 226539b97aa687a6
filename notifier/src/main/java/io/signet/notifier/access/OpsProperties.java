package io.signet.notifier.access;

import io.signet.platform.secrets.TokenSetting;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Access to the ops endpoints under {@code /internal/ops/} ({@code signet.notifier.ops}).
 *
 * @param token the bearer token ops must send ({@code SIGNET_OPS_TOKEN}); wins over {@code tokenFile}
 * @param tokenFile a file whose first line is that token ({@code SIGNET_OPS_TOKEN_FILE}); read at start-up. With
 *     neither set the ops endpoints are open, and must then be kept off every network ops do not control
 */
@Validated
@ConfigurationProperties("signet.notifier.ops")
public record OpsProperties(String token, Path tokenFile) {

    /** The configured token, if any. */
    public Optional<String> resolve() {
        return TokenSetting.resolve(token, tokenFile, "the ops token");
    }
}
