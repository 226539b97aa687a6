package io.signet.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signet.gateway.dev.DevCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The development RP talking to a running gateway: submits one-time sign requests and polls their results. */
final class TestRp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI gateway;
    private final DevCredentials dev;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    TestRp(URI gateway, java.nio.file.Path dataDir) {
        this.gateway = gateway;
        this.dev = DevCredentials.prepare(dataDir.resolve("dev"));
    }

    DevCredentials dev() {
        return dev;
    }

    /**
     * Submits a request and returns the gateway's answer.
     *
     * @param fields JSON members beyond the hash (format, conformanceLevel, callbackUrl, ...), values as strings
     * @param headers extra headers (Idempotency-Key, traceparent, ...)
     */
    HttpResponse<String> submit(byte[] sha256, Map<String, String> fields, Map<String, String> headers)
            throws Exception {
        StringBuilder body = new StringBuilder("{\"hash\":\"")
                .append(Base64.getEncoder().encodeToString(sha256))
                .append("\",\"hashType\":\"SHA2-256\",\"dataToBeDisplayed\":\"test\"");
        fields.forEach((name, value) ->
                body.append(",\"").append(name).append("\":\"").append(value).append('"'));
        body.append('}');
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve("/v1/sign/onetime"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + dev.rpApiKey())
                .header("X-GovStack-AuthenticationToken", dev.signerToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Submits and expects 202; returns the signatureId. */
    String accepted(byte[] sha256, Map<String, String> fields, Map<String, String> headers) throws Exception {
        HttpResponse<String> response = submit(sha256, fields, headers);
        assertThat(response.statusCode()).as(fields + ": " + response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).path("signatureId").asString();
    }

    /** The GovStack {@code status.code} of a request now: PENDING, OK or ERROR. */
    String statusCode(String signatureId) throws Exception {
        HttpResponse<String> response = result(signatureId);
        assertThat(response.statusCode()).as(response.body()).isIn(200, 202);
        return JSON.readTree(response.body()).path("status").path("code").asString();
    }

    /** The GovStack status of a request now: its code, and for anything but OK also its message. */
    String status(String signatureId) throws Exception {
        HttpResponse<String> response = result(signatureId);
        assertThat(response.statusCode()).as(response.body()).isIn(200, 202);
        JsonNode status = JSON.readTree(response.body()).path("status");
        String code = status.path("code").asString();
        return "OK".equals(code) ? code : code + ": " + status.path("message").asString();
    }

    /** Polls until the request has ended; returns the GovStack signature response. */
    JsonNode awaitResult(String signatureId, Duration within) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(within).pollInterval(Duration.ofMillis(250)).until(() -> {
            HttpResponse<String> response = result(signatureId);
            last.set(JSON.readTree(response.body()));
            return response.statusCode() == 200;
        });
        return last.get();
    }

    /** {@code GET /v1/sign/response/{signatureId}} as the RP. */
    private HttpResponse<String> result(String signatureId) throws Exception {
        return http.send(
                HttpRequest.newBuilder(gateway.resolve("/v1/sign/response/" + signatureId))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + dev.rpApiKey())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
