package io.signet.gateway.support;

import io.signet.gateway.dev.DevCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the gateway under test, with the dev RP's and signer's credentials by default. */
public final class GatewayClient {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Random RANDOM = new Random(7);

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private final DevCredentials dev;

    public GatewayClient(int port, DevCredentials dev) {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.dev = dev;
    }

    public DevCredentials dev() {
        return dev;
    }

    /** The default headers: RP key, signer token, JSON content type. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + dev.rpApiKey());
        headers.put("X-GovStack-AuthenticationToken", dev.signerToken());
        headers.put("Content-Type", "application/json");
        return headers;
    }

    /** A valid body with a fresh random SHA2-256-sized hash. */
    public static String validBody() {
        byte[] hash = new byte[32];
        synchronized (RANDOM) {
            RANDOM.nextBytes(hash);
        }
        return "{\"format\":\"CAdES\",\"hash\":\"" + Base64.getEncoder().encodeToString(hash)
                + "\",\"hashType\":\"SHA2-256\",\"dataToBeDisplayed\":\"Contract 42\","
                + "\"requestTimestamp\":\"2026-03-20T09:12:28Z\"}";
    }

    public HttpResponse<String> post(String body) {
        return post("/v1/sign/onetime", body, headers());
    }

    public HttpResponse<String> post(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach((name, value) -> {
            if (value != null) {
                request.header(name, value);
            }
        });
        return send(request.build());
    }

    public HttpResponse<String> get(String path, Map<String, String> headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    public static JsonNode json(String body) {
        return JSON.readTree(body);
    }
}
