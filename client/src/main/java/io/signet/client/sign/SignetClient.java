package io.signet.client.sign;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The relying party's side of Signet's API over {@code java.net.http}: submit a one-time sign request, read its
 * state, wait for its result. Thread-safe (the JDK client is; nothing else is shared).
 */
public final class SignetClient {

    private static final Duration FIRST_POLL = Duration.ofMillis(100);
    private static final Duration MAX_POLL = Duration.ofSeconds(2);
    /** The gateway's upper bound for {@code Prefer: wait}. */
    private static final long MAX_PREFER_WAIT_SECONDS = 60;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SignetConnection connection;
    private final HttpClient http;

    public SignetClient(SignetConnection connection) {
        this(
                connection,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    public SignetClient(SignetConnection connection, HttpClient http) {
        this.connection = connection;
        this.http = http;
    }

    /** The digest of {@code file}, streamed. */
    public static byte[] digest(Path file, HashType hashType) throws IOException {
        MessageDigest digest = hashType.newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return digest.digest();
    }

    /** Submits {@code request}; returns its signatureId once the gateway committed it. */
    public String submit(SignRequest request) {
        HttpResponse<String> response = post(request, UUID.randomUUID().toString(), null);
        if (response.statusCode() != 202) {
            throw rejected(response);
        }
        return signatureIdOf(response);
    }

    /** Digests {@code file} with the request's hash type and submits it; for raw and CAdES. */
    public String submitFile(
            Path file, SignatureFormat format, HashType hashType, ConformanceLevel level, String dataToBeDisplayed)
            throws IOException {
        return submit(SignRequest.of(format, hashType, digest(file, hashType), dataToBeDisplayed, level));
    }

    /**
     * Submits {@code request} and waits up to {@code timeout} for its result, first inside the POST ({@code Prefer:
     * wait}), then by polling. Returns an OK result; an ERROR or EXPIRED one throws {@link
     * SignetClientException.Kind#FAILED}.
     */
    public SignResult sign(SignRequest request, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String idempotencyKey = UUID.randomUUID().toString();
        long wait = Math.min(MAX_PREFER_WAIT_SECONDS, Math.max(0, timeout.toSeconds()));
        HttpResponse<String> response = post(request, idempotencyKey, wait > 0 ? wait : null);
        if (response.statusCode() == 200) {
            // The 200 answer is the result itself without its id; the same key replays the 202 that carries it.
            HttpResponse<String> replay = post(request, idempotencyKey, null);
            String id = replay.statusCode() == 202 ? signatureIdOf(replay) : null;
            return requireOk(parseResult(id, response.body()));
        }
        if (response.statusCode() != 202) {
            throw rejected(response);
        }
        return requireOk(await(signatureIdOf(response), Duration.between(Instant.now(), deadline)));
    }

    /** The request's state now (PENDING, OK or ERROR). */
    public SignResult status(String signatureId) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(resultUri(signatureId))
                .header("Authorization", "Bearer " + connection.apiKey())
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build());
        if (response.statusCode() != 200 && response.statusCode() != 202) {
            throw rejected(response);
        }
        return parseResult(signatureId, response.body());
    }

    /**
     * The request's callbacks, each with every attempt so far ({@code GET /v1/sign/response/{id}/callbacks}); empty
     * when it has none (no callback URL, or not ended yet).
     */
    public List<CallbackDelivery> callbacks(String signatureId) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(resultUri(signatureId) + "/callbacks"))
                .header("Authorization", "Bearer " + connection.apiKey())
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build());
        if (response.statusCode() != 200) {
            throw rejected(response);
        }
        List<CallbackDelivery> callbacks = new ArrayList<>();
        for (JsonNode callback : readTree(response.body()).path("callbacks")) {
            List<CallbackDelivery.Attempt> attempts = new ArrayList<>();
            for (JsonNode attempt : callback.path("attempts")) {
                attempts.add(new CallbackDelivery.Attempt(
                        attempt.path("attempt").asInt(),
                        instant(attempt, "attemptedAt"),
                        attempt.path("httpStatus").isNumber()
                                ? attempt.path("httpStatus").asInt()
                                : null,
                        attempt.path("latencyMs").asLong(),
                        attempt.path("outcome").asString(""),
                        text(attempt, "error")));
            }
            callbacks.add(new CallbackDelivery(
                    callback.path("kind").asString(""),
                    callback.path("webhookId").asString(""),
                    callback.path("status").asString(""),
                    instant(callback, "nextAttemptAt"),
                    text(callback, "lastError"),
                    List.copyOf(attempts)));
        }
        return List.copyOf(callbacks);
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).isString() ? node.path(field).asString() : null;
    }

    private static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : Instant.parse(value);
    }

    /**
     * Polls until the request is done or {@code timeout} passed, with a backoff from 100 ms to 2 s between reads.
     * Returns the done result (OK or ERROR); throws {@link SignetClientException.Kind#TIMEOUT} otherwise.
     */
    public SignResult await(String signatureId, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Duration pause = FIRST_POLL;
        while (true) {
            SignResult result = status(signatureId);
            if (result.done()) {
                return result;
            }
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw new SignetClientException(
                        SignetClientException.Kind.TIMEOUT,
                        "no result for " + signatureId + " within " + timeout.toSeconds() + " s");
            }
            pauseFor(pause.compareTo(left) < 0 ? pause : left);
            pause = pause.multipliedBy(2).compareTo(MAX_POLL) < 0 ? pause.multipliedBy(2) : MAX_POLL;
        }
    }

    private HttpResponse<String> post(SignRequest request, String idempotencyKey, Long preferWaitSeconds) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(
                        connection.gatewayUrl().resolve("/v1/sign/onetime"))
                .header("Authorization", "Bearer " + connection.apiKey())
                .header("X-GovStack-AuthenticationToken", connection.signerToken())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .timeout(Duration.ofSeconds(30 + (preferWaitSeconds == null ? 0 : preferWaitSeconds)))
                .POST(HttpRequest.BodyPublishers.ofString(body(request)));
        if (preferWaitSeconds != null) {
            builder.header("Prefer", "wait=" + preferWaitSeconds);
        }
        return send(builder.build());
    }

    static String body(SignRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("format", request.format().apiName());
        body.put("hash", Base64.getEncoder().encodeToString(request.digest()));
        body.put("hashType", request.hashType().apiName());
        body.put("dataToBeDisplayed", request.dataToBeDisplayed());
        body.put("requestTimestamp", Instant.now().toString());
        body.put("conformanceLevel", request.level().apiName());
        putIfPresent(body, "keyAlgorithm", request.keyAlgorithm());
        putIfPresent(body, "callbackUrl", request.callbackUrl());
        putIfPresent(body, "nonce", request.nonce());
        putIfPresent(body, "state", request.state());
        return JSON.writeValueAsString(body);
    }

    private static void putIfPresent(Map<String, Object> body, String name, String value) {
        if (value != null) {
            body.put(name, value);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new SignetClientException(
                    SignetClientException.Kind.UNREACHABLE,
                    "cannot connect to the gateway at " + connection.gatewayUrl(),
                    e);
        } catch (HttpTimeoutException e) {
            throw new SignetClientException(
                    SignetClientException.Kind.UNREACHABLE,
                    "the gateway at " + connection.gatewayUrl() + " did not answer in time",
                    e);
        } catch (IOException e) {
            throw new SignetClientException(
                    SignetClientException.Kind.UNREACHABLE,
                    "cannot talk to the gateway at " + connection.gatewayUrl() + ": "
                            + e.getClass().getSimpleName(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignetClientException(SignetClientException.Kind.UNREACHABLE, "interrupted", e);
        }
    }

    private URI resultUri(String signatureId) {
        if (!signatureId.matches("[A-Za-z0-9._~-]{1,128}")) {
            throw new IllegalArgumentException("not a signatureId: " + signatureId);
        }
        return connection.gatewayUrl().resolve("/v1/sign/response/" + signatureId);
    }

    private static String signatureIdOf(HttpResponse<String> response) {
        return readTree(response.body()).path("signatureId").asString();
    }

    static SignResult parseResult(String signatureId, String body) {
        JsonNode root = readTree(body);
        String code = root.path("status").path("code").asString("ERROR");
        SignResult.Status status = switch (code) {
            case "OK" -> SignResult.Status.OK;
            case "PENDING" -> SignResult.Status.PENDING;
            default -> SignResult.Status.ERROR;
        };
        return new SignResult(
                signatureId,
                status,
                root.path("status").path("message").asString(""),
                base64(root, "signature"),
                root.path("certificate").isString() ? root.path("certificate").asString() : null,
                base64(root, "signatureTimestamp"));
    }

    private static byte[] base64(JsonNode root, String field) {
        JsonNode node = root.path(field);
        return node.isString() ? Base64.getDecoder().decode(node.asString()) : null;
    }

    private static JsonNode readTree(String body) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new SignetClientException(SignetClientException.Kind.REJECTED, "the gateway's answer is not JSON");
        }
    }

    private static SignResult requireOk(SignResult result) {
        if (result.status() != SignResult.Status.OK) {
            throw new SignetClientException(
                    SignetClientException.Kind.FAILED,
                    "signing " + Optional.ofNullable(result.signatureId()).orElse("") + " failed: " + result.message());
        }
        return result;
    }

    private static SignetClientException rejected(HttpResponse<String> response) {
        String message;
        try {
            message = JSON.readTree(response.body())
                    .path("status")
                    .path("message")
                    .asString("");
        } catch (JacksonException e) {
            message = "";
        }
        return new SignetClientException(
                SignetClientException.Kind.REJECTED,
                "the gateway answered " + response.statusCode() + (message.isEmpty() ? "" : ": " + message));
    }

    private static void pauseFor(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignetClientException(SignetClientException.Kind.TIMEOUT, "interrupted while waiting", e);
        }
    }
}
