package io.signet.gateway.result;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads a request's GovStack signature response from the notifier, which owns results:
 * {@code GET {notifier-url}/internal/results/{signatureId}?waitSeconds=N} with header {@code X-Signet-Rp-Id};
 * 200 carries the response JSON, 204 or 404 mean "not done yet" (the notifier holds the call up to N seconds).
 * The notifier side of this contract is not built yet. Thread-safe.
 */
@Component
public class ResultClient {

    public static final String RP_HEADER = "X-Signet-Rp-Id";

    private static final Logger log = LoggerFactory.getLogger(ResultClient.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration EXTRA_WAIT = Duration.ofSeconds(3);

    private final URI notifierUrl;
    private final HttpClient http;

    public ResultClient(ResultProperties properties) {
        this.notifierUrl = properties.notifierUrl();
        this.http = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** What the notifier said. */
    public sealed interface Outcome {
        /** The request ended; {@code json} is the GovStack signature response. */
        record Done(byte[] json) implements Outcome {}

        /** Not finished (yet). */
        record Pending() implements Outcome {}

        /** The notifier could not be asked. */
        record Unavailable() implements Outcome {}
    }

    /** Asks for the result, letting the notifier wait up to {@code wait} for it. */
    public Outcome fetch(String signatureId, String rpId, Duration wait) {
        if (notifierUrl == null) {
            // No result source configured (the notifier is not deployed): nothing can be done yet.
            return new Outcome.Pending();
        }
        URI uri = notifierUrl.resolve(
                "/internal/results/" + signatureId + "?waitSeconds=" + Math.max(0, wait.toSeconds()));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(wait.plus(EXTRA_WAIT))
                .header(RP_HEADER, rpId)
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return switch (response.statusCode()) {
                case 200 -> new Outcome.Done(response.body());
                case 204, 404 -> new Outcome.Pending();
                default -> {
                    log.warn("Notifier answered {} for a result query", response.statusCode());
                    yield new Outcome.Unavailable();
                }
            };
        } catch (IOException e) {
            log.warn("Notifier unreachable for a result query: {}", e.getClass().getSimpleName());
            return new Outcome.Unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Unavailable();
        }
    }

    public Optional<URI> notifierUrl() {
        return Optional.ofNullable(notifierUrl);
    }
}
