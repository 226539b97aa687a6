package io.signet.client.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the notifier's ops endpoints: {@code GET /internal/ops/deliveries/dead?limit=N} and
 * {@code POST /internal/ops/deliveries/{id}/redrive}, with {@code Authorization: Bearer <ops token>} when a token is
 * given. The token is sent, never printed. Thread-safe.
 */
public final class DeadLetterClient {

    private final URI notifier;
    private final String token;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * @param notifier the notifier's base URL, e.g. {@code http://localhost:8083}
     * @param token the ops token; null when the notifier has none configured
     */
    public DeadLetterClient(URI notifier, String token) {
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.token = token;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** The newest {@code limit} dead letters, newest first. */
    public List<DeadLetter> list(int limit) {
        JsonNode body = send("GET", "/internal/ops/deliveries/dead?limit=" + limit);
        List<DeadLetter> letters = new ArrayList<>();
        body.values().forEach(node -> letters.add(deadLetter(node)));
        return letters;
    }

    /** Sends dead letter {@code id} again with a fresh schedule; returns it as it is now (pending). */
    public DeadLetter redrive(String id) {
        return deadLetter(send("POST", "/internal/ops/deliveries/" + id + "/redrive"));
    }

    private JsonNode send(String method, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(notifier.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new OpsApiException(
                    0,
                    "notifier unreachable at " + notifier + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpsApiException(0, "interrupted");
        }
        if (response.statusCode() != 200) {
            throw new OpsApiException(response.statusCode(), message(response));
        }
        try {
            return json.readTree(response.body());
        } catch (JacksonException e) {
            throw new OpsApiException(response.statusCode(), "the notifier answered something that is not JSON");
        }
    }

    private String message(HttpResponse<String> response) {
        String said = null;
        try {
            JsonNode message = json.readTree(response.body()).at("/status/message");
            said = message.isString() ? message.asString() : null;
        } catch (JacksonException notJson) {
            // the status code alone then
        }
        return "the notifier answered " + response.statusCode() + (said == null ? "" : " (" + said + ")");
    }

    private static DeadLetter deadLetter(JsonNode node) {
        return new DeadLetter(
                text(node, "id"),
                text(node, "signatureId"),
                text(node, "rpId"),
                text(node, "kind"),
                text(node, "host"),
                text(node, "status"),
                node.path("attempts").size(),
                text(node, "lastError"),
                node.hasNonNull("endedAt") ? Instant.parse(node.get("endedAt").asString()) : null);
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asString() : null;
    }

    /** The notifier could not be asked, or refused. */
    public static final class OpsApiException extends RuntimeException {

        private final int status;

        OpsApiException(int status, String message) {
            super(message);
            this.status = status;
        }

        /** The HTTP status; 0 when there was no answer. */
        public int status() {
            return status;
        }
    }
}
