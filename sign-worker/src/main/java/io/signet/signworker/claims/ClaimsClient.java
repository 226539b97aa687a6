package io.signet.signworker.claims;

import io.signet.platform.http.ServiceHttp;
import java.io.IOException;
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
public final class ClaimsClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimsClient.class);
    private static final TypeReference<List<Answer>> ANSWERS = new TypeReference<>() {};

    private final ClaimsProperties properties;
    /** The {@code Authorization} header of every call; null when no secret is configured. */
    private final String authorization;

    private final ServiceHttp http;
    private final JsonMapper json = JsonMapper.builder().build();

    public ClaimsClient(ClaimsProperties properties) {
        this.properties = properties;
        this.authorization =
                properties.secret().map(secret -> "Bearer " + secret).orElse(null);
        // One call per polled batch: a few connections serve every listener thread.
        this.http = new ServiceHttp(properties.timeout(), 16);
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
        Map<String, String> headers = authorization == null
                ? Map.of("Accept", "application/json")
                : Map.of("Accept", "application/json", "Authorization", authorization);
        try {
            ServiceHttp.Response response = http.post(properties.url(), "application/json", body, headers);
            if (response.status() != 200) {
                throw new ClaimsUnavailableException("cert-worker answered HTTP " + response.status());
            }
            return json.readValue(response.body(), ANSWERS);
        } catch (IOException | JacksonException e) {
            throw new ClaimsUnavailableException("cert-worker claims unavailable: " + e, e);
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

    @Override
    public void close() {
        http.close();
    }

    /** One answer of cert-worker: the claim echoed with its verdict. */
    record Answer(String signatureId, int partition, long offset, ClaimVerdict verdict) {
        Claim claim() {
            return new Claim(signatureId, partition, offset);
        }
    }
}
