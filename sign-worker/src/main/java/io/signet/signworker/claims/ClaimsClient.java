package io.signet.signworker.claims;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Claims a polled batch of sign requests at cert-worker in one HTTP call ({@code POST /internal/claims}). HTTP
 * rather than Kafka request-reply: the answer is needed synchronously before the batch's first HSM operation, one
 * round trip per batch is cheap, and a failed call is plainly a failure (no timeout guessing about a reply that may
 * still come). Thread-safe.
 */
public final class ClaimsClient {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimsClient.class);
    private static final TypeReference<List<Answer>> ANSWERS = new TypeReference<>() {};

    private final ClaimsProperties properties;
    /** The {@code Authorization} header of every call; null when no secret is configured. */
    private final String authorization;

    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    public ClaimsClient(ClaimsProperties properties) {
        this.properties = properties;
        this.authorization =
                properties.secret().map(secret -> "Bearer " + secret).orElse(null);
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.timeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * The verdict on every claim.
     *
     * @throws ClaimsUnavailableException when cert-worker did not answer every claim within the configured attempts
     */
    public Map<Claim, ClaimVerdict> claim(List<Claim> claims) {
        if (claims.isEmpty()) {
            return Map.of();
        }
        byte[] body = json.writeValueAsBytes(claims);
        ClaimsUnavailableException last = null;
        for (int attempt = 1; attempt <= properties.attempts(); attempt++) {
            try {
                return verdicts(claims, send(body));
            } catch (ClaimsUnavailableException e) {
                last = e;
                LOG.warn("claiming {} sign requests failed (attempt {}): {}", claims.size(), attempt, e.getMessage());
            }
        }
        throw last;
    }

    private List<Answer> send(byte[] body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(properties.url())
                .timeout(properties.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpRequest request = builder.build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new ClaimsUnavailableException("cert-worker answered HTTP " + response.statusCode());
            }
            return json.readValue(response.body(), ANSWERS);
        } catch (IOException | JacksonException e) {
            throw new ClaimsUnavailableException("cert-worker claims unavailable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClaimsUnavailableException("interrupted while claiming", e);
        }
    }

    private static Map<Claim, ClaimVerdict> verdicts(List<Claim> claims, List<Answer> answers) {
        Map<Claim, ClaimVerdict> verdicts = answers.stream()
                .filter(a -> a.verdict() != null)
                .collect(Collectors.toMap(Answer::claim, Answer::verdict, (a, b) -> a));
        if (!verdicts.keySet().containsAll(claims)) {
            throw new ClaimsUnavailableException("cert-worker did not answer every claim");
        }
        return verdicts;
    }

    /** One answer of cert-worker: the claim echoed with its verdict. */
    record Answer(String signatureId, int partition, long offset, ClaimVerdict verdict) {
        Claim claim() {
            return new Claim(signatureId, partition, offset);
        }
    }
}
