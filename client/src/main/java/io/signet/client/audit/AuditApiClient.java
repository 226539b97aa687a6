package io.signet.client.audit;

import io.signet.schemas.audit.AuditEntry;
import io.signet.schemas.audit.AuditExport;
import io.signet.schemas.audit.ConsistencyProof;
import io.signet.schemas.audit.SignedTreeHead;
import io.signet.schemas.audit.TransactionProof;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches what the offline checks need from the audit service's API: the whole log (following the {@code rel="next"}
 * links), signed tree heads, transaction proofs and consistency proofs. Trusts nothing it fetches: {@link
 * AuditVerifier} checks it. Thread-safe. The auditor token is sent, never printed.
 */
public final class AuditApiClient {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");

    private final URI base;
    private final String token;
    private final HttpClient http;
    private final AuditExport json = new AuditExport();

    /**
     * @param base the audit service, e.g. {@code http://localhost:8084}
     * @param token the auditors' bearer token
     */
    public AuditApiClient(URI base, String token) {
        this.base = Objects.requireNonNull(base, "base");
        this.token = Objects.requireNonNull(token, "token");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** Every entry of the log, in position order, in pages of {@code pageSize}. */
    public List<AuditEntry> exportLog(int pageSize) {
        List<AuditEntry> entries = new ArrayList<>();
        String next = "/v1/audit/log?fromPosition=0&limit=" + pageSize;
        while (next != null) {
            HttpResponse<String> page = get(next);
            entries.addAll(json.read(new StringReader(page.body())));
            next = page.headers()
                    .firstValue("Link")
                    .map(NEXT::matcher)
                    .filter(Matcher::find)
                    .map(m -> m.group(1))
                    .orElse(null);
        }
        return entries;
    }

    /** The latest signed tree head. */
    public SignedTreeHead latestHead() {
        return json.mapper().readValue(get("/v1/audit/head").body(), SignedTreeHead.class);
    }

    /** The signed tree head of {@code treeSize} entries. */
    public SignedTreeHead head(long treeSize) {
        return json.mapper()
                .readValue(get("/v1/audit/head?treeSize=" + treeSize).body(), SignedTreeHead.class);
    }

    /** The audit proof of a transaction against the latest head. */
    public TransactionProof proof(String signatureId) {
        String path = "/v1/audit/proof/" + URLEncoder.encode(signatureId, StandardCharsets.UTF_8);
        return json.mapper().readValue(get(path).body(), TransactionProof.class);
    }

    /** The consistency proof between the logs of {@code first} and {@code second} entries. */
    public ConsistencyProof consistency(long first, long second) {
        return json.mapper()
                .readValue(
                        get("/v1/audit/consistency?first=" + first + "&second=" + second)
                                .body(),
                        ConsistencyProof.class);
    }

    /** The audit key as the service announces it (keyId, signatureAlgorithm, publicKey); pin it, do not trust it. */
    @SuppressWarnings("unchecked")
    public Map<String, String> announcedKey() {
        return json.mapper().readValue(get("/v1/audit/key").body(), Map.class);
    }

    private HttpResponse<String> get(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AuditApiException(
                        response.statusCode(),
                        pathAndQuery,
                        Optional.ofNullable(response.body()).orElse(""));
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException("audit service at " + base + " unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The service answered something else than 200. */
    public static final class AuditApiException extends RuntimeException {

        private final int status;

        AuditApiException(int status, String path, String body) {
            super("GET " + path + " answered HTTP " + status + ": " + body.substring(0, Math.min(200, body.length())));
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
