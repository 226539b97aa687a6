package io.signet.gateway.result;

import io.signet.platform.secrets.TokenSetting;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code signet.gateway}: where results are read from.
 *
 * @param notifierUrl base URL of the notifier's internal API; when unset, results are never available (the gateway
 *     answers PENDING and {@code Prefer: wait} does not wait)
 * @param notifierToken bearer token the notifier requires on its internal API ({@code SIGNET_INTERNAL_TOKEN}); wins
 *     over {@code notifierTokenFile}
 * @param notifierTokenFile a file whose first line is that token ({@code SIGNET_INTERNAL_TOKEN_FILE}); neither set: no
 *     token is sent
 */
@ConfigurationProperties("signet.gateway")
public record ResultProperties(URI notifierUrl, String notifierToken, Path notifierTokenFile) {

    /** The token to send, if one is configured. */
    public Optional<String> token() {
        return TokenSetting.resolve(notifierToken, notifierTokenFile, "the internal token");
    }
}
