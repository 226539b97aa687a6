package io.signet.gateway.result;

import io.signet.platform.http.ServiceHttp;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a request's GovStack signature response from the notifier, which owns results:
 * {@code GET {notifier-url}/internal/results/{signatureId}?rpId=…&waitSeconds=N}. The notifier holds the call up to
 * N seconds and answers 200 with the GovStack response, whose {@code status.code} is PENDING while running; 404 means
 * it has not heard of the request yet (or it is another RP's, which the gateway has already ruled out). Also reads
 * the callbacks of a request with their attempts ({@code GET {notifier-url}/internal/deliveries?signatureId=…&rpId=…}).
 * Thread-safe.
 */
@Component
public class ResultClient {

    private static final Logger log = LoggerFactory.getLogger(ResultClient.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration EXTRA_WAIT = Duration.ofSeconds(3);
    private static final int MAX_CONNECTIONS = 256;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI notifierUrl;
    /** The {@code Authorization} header of every call; null when no internal token is configured. */
    private final String authorization;

    private final ServiceHttp http;

    public ResultClient(ResultProperties properties) {
        this.notifierUrl = properties.notifierUrl();
        this.authorization = properties.token().map(token -> "Bearer " + token).orElse(null);
        // Each waiting poll holds a connection: as many as the gateway's request threads, at most.
        this.http = new ServiceHttp(CONNECT_TIMEOUT, MAX_CONNECTIONS);
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
        URI uri = notifierUrl.resolve("/internal/results/" + signatureId + "?rpId="
                + URLEncoder.encode(rpId, StandardCharsets.UTF_8) + "&waitSeconds=" + Math.max(0, wait.toSeconds()));
        try {
            ServiceHttp.Response response = http.get(uri, headers(), wait.plus(EXTRA_WAIT));
            return switch (response.status()) {
                case 200 -> isPending(response.body()) ? new Outcome.Pending() : new Outcome.Done(response.body());
                case 204, 404 -> new Outcome.Pending();
                default -> {
                    log.warn("Notifier answered {} for a result query", response.status());
                    yield new Outcome.Unavailable();
                }
            };
        } catch (IOException e) {
            log.warn("Notifier unreachable for a result query: {}", e.getClass().getSimpleName());
            return new Outcome.Unavailable();
        }
    }

    /** What the notifier said about a request's callbacks. */
    public sealed interface Callbacks {
        /** {@code json} is the notifier's array of deliveries, each with its attempts; empty when none exist yet. */
        record Known(JsonNode json) implements Callbacks {}

        /** The notifier could not be asked. */
        record Unavailable() implements Callbacks {}
    }

    /** The callbacks of {@code signatureId} (which the gateway has checked belongs to {@code rpId}). */
    public Callbacks callbacks(String signatureId, String rpId) {
        if (notifierUrl == null) {
            return new Callbacks.Known(JSON.createArrayNode());
        }
        URI uri = notifierUrl.resolve("/internal/deliveries?signatureId="
                + URLEncoder.encode(signatureId, StandardCharsets.UTF_8) + "&rpId="
                + URLEncoder.encode(rpId, StandardCharsets.UTF_8));
        try {
            ServiceHttp.Response response = http.get(uri, headers(), EXTRA_WAIT);
            return switch (response.status()) {
                case 200 -> new Callbacks.Known(JSON.readTree(response.body()));
                // The notifier has not read the request yet: it has no callbacks yet.
                case 404 -> new Callbacks.Known(JSON.createArrayNode());
                default -> {
                    log.warn("Notifier answered {} for a callbacks query", response.status());
                    yield new Callbacks.Unavailable();
                }
            };
        } catch (IOException e) {
            log.warn(
                    "Notifier unreachable for a callbacks query: {}",
                    e.getClass().getSimpleName());
            return new Callbacks.Unavailable();
        }
    }

    private Map<String, String> headers() {
        return authorization == null
                ? Map.of("Accept", "application/json")
                : Map.of("Accept", "application/json", "Authorization", authorization);
    }

    @PreDestroy
    void close() {
        http.close();
    }

    private static boolean isPending(byte[] json) {
        JsonNode status = JSON.readTree(json).path("status").path("code");
        return "PENDING".equals(status.asString());
    }

    public Optional<URI> notifierUrl() {
        return Optional.ofNullable(notifierUrl);
    }
}
