package io.signet.notifier.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small JSON client for the notifier's internal API. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Status and parsed body. */
    public record Response(int status, JsonNode body) {}

    private Http() {}

    public static Response get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    public static Response post(String url) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    /** GET with {@code Authorization: Bearer token} (no header when token is null). */
    public static Response get(String url, String token) {
        return send(
                authorized(HttpRequest.newBuilder(URI.create(url)), token).GET().build());
    }

    /** POST without a body, with {@code Authorization: Bearer token} (no header when token is null). */
    public static Response post(String url, String token) {
        return send(authorized(HttpRequest.newBuilder(URI.create(url)), token)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, String token) {
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    public static CompletableFuture<Response> getAsync(String url) {
        return CLIENT.sendAsync(
                        HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Response(response.statusCode(), JSON.readTree(response.body())));
    }

    private static Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonMapper json() {
        return JSON;
    }
}
