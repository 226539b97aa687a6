package io.signet.gateway.result;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code signet.gateway}: where results are read from.
 *
 * @param notifierUrl base URL of the notifier's internal API; when unset, results are never available (the gateway
 *     answers PENDING and {@code Prefer: wait} does not wait)
 */
@ConfigurationProperties("signet.gateway")
public record ResultProperties(URI notifierUrl) {}
