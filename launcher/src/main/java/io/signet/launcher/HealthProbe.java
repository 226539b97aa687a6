package io.signet.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a service's actuator health over HTTP, as an operator's probe would. Thread-safe. */
final class HealthProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /**
     * The status of {@code path} (e.g. {@code /actuator/health/readiness}) and the names of its components.
     *
     * @return status "DOWN" with the reason as its only component when the endpoint cannot be read
     */
    Health read(URI base, String path) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            List<String> components = new ArrayList<>();
            body.path("components").propertyNames().forEach(components::add);
            return new Health(body.path("status").asString("UNKNOWN"), components);
        } catch (IOException | RuntimeException e) {
            return new Health("DOWN", List.of(e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Health("DOWN", List.of("interrupted"));
        }
    }

    /** A health status and the names of the indicators behind it. */
    record Health(String status, List<String> components) {

        boolean up() {
            return "UP".equals(status);
        }
    }
}
