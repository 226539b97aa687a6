package io.signet.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signet.gateway.dev.DevCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.util.Selector;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A relying party that submits one-time CAdES sign requests through the real gateway with the development
 * credentials, each with its own Idempotency-Key, retrying a request that got no answer, a 5xx or a 429 with the same
 * key (as an RP does when the gateway is gone or asks it to come back later), and afterwards checks that every
 * accepted request ended exactly once with a valid signature. Counts every answer that was not an acceptance.
 */
final class SignStream implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PACE = Duration.ofMillis(250);

    private final ProcessStack stack;
    private final DevCredentials dev;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final SecureRandom random = new SecureRandom();
    /** signatureId to the document whose SHA-256 was submitted. */
    private final Map<String, byte[]> accepted = new ConcurrentHashMap<>();

    private final AtomicInteger retries = new AtomicInteger();
    /** Answers other than 200/202 by status, and {@code -1} for no answer (connection refused, timeout). */
    private final Map<Integer, AtomicInteger> refusals = new ConcurrentHashMap<>();

    private final AtomicInteger unavailableWithRetryAfter = new AtomicInteger();
    private final Optional<URI> callbackUrl;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread submitter;

    private SignStream(ProcessStack stack, Optional<URI> callbackUrl) {
        this.stack = stack;
        this.callbackUrl = callbackUrl;
        this.dev = DevCredentials.prepare(stack.dataDir().resolve("dev"));
        this.submitter = Thread.ofPlatform().name("sign-stream").unstarted(this::run);
    }

    /** Starts submitting, one request every 250 ms, until {@link #close()}. */
    static SignStream start(ProcessStack stack) {
        return start(stack, Optional.empty());
    }

    /** As {@link #start(ProcessStack)}, each request with this GovStack {@code callbackUrl}. */
    static SignStream withCallback(ProcessStack stack, URI callbackUrl) {
        return start(stack, Optional.of(callbackUrl));
    }

    private static SignStream start(ProcessStack stack, Optional<URI> callbackUrl) {
        SignStream stream = new SignStream(stack, callbackUrl);
        stream.submitter.start();
        return stream;
    }

    /** The signatureIds accepted so far. */
    Set<String> acceptedIds() {
        return Set.copyOf(accepted.keySet());
    }

    int acceptedCount() {
        return accepted.size();
    }

    int retries() {
        return retries.get();
    }

    /** Answers other than an acceptance so far, by HTTP status; {@code -1} counts requests that got no answer. */
    Map<Integer, Integer> refusals() {
        Map<Integer, Integer> counts = new TreeMap<>();
        refusals.forEach((status, count) -> counts.put(status, count.get()));
        return counts;
    }

    /** How many answers were 503 with a {@code Retry-After} header. */
    int unavailableWithRetryAfter() {
        return unavailableWithRetryAfter.get();
    }

    /** Waits until {@code more} further requests have been accepted. */
    void awaitAccepted(int more) {
        int target = accepted.size() + more;
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> accepted.size() >= target);
    }

    /**
     * Waits until every request accepted so far has ended (whatever its outcome): the pipeline is working again,
     * e.g. a restarted worker got its partitions and caught up.
     */
    void awaitEveryAcceptedEnded(Duration within) {
        awaitEnded(List.copyOf(accepted.keySet()), within);
    }

    /** Polls until every one of {@code ids} has ended; returns the final response of each. */
    private Map<String, JsonNode> awaitEnded(Collection<String> ids, Duration within) {
        Map<String, JsonNode> ended = new ConcurrentHashMap<>();
        await().atMost(within).pollInterval(Duration.ofMillis(500)).until(() -> {
            for (String id : ids) {
                if (!ended.containsKey(id)) {
                    JsonNode response = result(id);
                    if (!"PENDING".equals(response.path("status").path("code").asString())) {
                        ended.put(id, response);
                    }
                }
            }
            return ended.size() == ids.size();
        });
        return ended;
    }

    /** Stops submitting (the request in flight still finishes). */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        submitter.join();
    }

    private void run() {
        while (running.get()) {
            byte[] document = new byte[64];
            random.nextBytes(document);
            submitUntilAnswered(document, UUID.randomUUID().toString());
            LockSupport.parkNanos(PACE.toNanos()); // the stream's pace, not a test wait
        }
    }

    // A request that got no answer (gateway killed, 5xx) is sent again with the same key until the gateway answers.
    private void submitUntilAnswered(byte[] document, String idempotencyKey) {
        String body = "{\"format\":\"CAdES\",\"hash\":\"" + Base64.getEncoder().encodeToString(sha256(document))
                + "\",\"hashType\":\"SHA2-256\",\"dataToBeDisplayed\":\"failure test\","
                + callbackUrl.map(url -> "\"callbackUrl\":\"" + url + "\",").orElse("")
                + "\"conformanceLevel\":\"AdES-B-B\"}";
        HttpRequest request = HttpRequest.newBuilder(
                        stack.url(SignetService.GATEWAY).resolve("/v1/sign/onetime"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + dev.rpApiKey())
                .header("X-GovStack-AuthenticationToken", dev.signerToken())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        while (true) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 202 || response.statusCode() == 200) {
                    String id =
                            JSON.readTree(response.body()).path("signatureId").asString();
                    accepted.put(id, document);
                    return;
                }
                count(response.statusCode());
                if (response.statusCode() == 503
                        && response.headers().firstValue("Retry-After").isPresent()) {
                    unavailableWithRetryAfter.incrementAndGet();
                }
                if (response.statusCode() < 500 && response.statusCode() != 429) {
                    throw new IllegalStateException("gateway refused a valid request: " + response.statusCode());
                }
                // 5xx or 429: retry later with the same key (no answer for this key was a 202).
            } catch (IOException e) {
                // No answer: the gateway is down or went down while answering; the same key again.
                count(-1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            retries.incrementAndGet();
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }

    private void count(int status) {
        refusals.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
    }

    /**
     * Every accepted request completed exactly once (GovStack status OK): the gateway serves its signature, which
     * verifies against the submitted document; the notifier holds one result for it; cert-worker issued one certificate
     * for it, the one in the signature; no callback was acknowledged twice.
     */
    void assertEveryAcceptedRequestEndedExactlyOnce(Duration within) throws Exception {
        assertEveryAcceptedRequestEndedExactlyOnce(within, 0);
    }

    /**
     * As {@link #assertEveryAcceptedRequestEndedExactlyOnce(Duration, int)}, where only the requests in {@code
     * mayBeRedone} (those in progress when a sign-worker was killed) may have been redone.
     */
    void assertEveryAcceptedRequestEndedExactlyOnce(Duration within, Set<String> mayBeRedone) throws Exception {
        assertEndedExactlyOnce(within, mayBeRedone.size(), mayBeRedone);
    }

    /**
     * As {@link #assertEveryAcceptedRequestEndedExactlyOnce(Duration)}, allowing up to {@code redone} requests that
     * were redone with a new key, and so got a second certificate: a sign-worker killed, or whose Kafka transaction
     * was aborted, after its certificate was issued and before its result was committed. The earlier certificate must
     * then have been revoked as superseded: each request keeps exactly one usable certificate, the one its signature
     * carries.
     */
    void assertEveryAcceptedRequestEndedExactlyOnce(Duration within, int redone) throws Exception {
        assertEndedExactlyOnce(within, redone, null);
    }

    /** {@code mayBeRedone}: the requests that may be among the {@code redone}, or null for any. */
    private void assertEndedExactlyOnce(Duration within, int redone, Set<String> mayBeRedone) throws Exception {
        assertThat(accepted).isNotEmpty();
        Map<String, JsonNode> ended = awaitEnded(List.copyOf(accepted.keySet()), within);
        Map<String, String> signingCertificates = new HashMap<>();
        for (Map.Entry<String, byte[]> request : accepted.entrySet()) {
            JsonNode response = ended.get(request.getKey());
            assertThat(response.path("status").path("code").asString())
                    .as(request.getKey() + ": " + response.path("status").path("message"))
                    .isEqualTo("OK"); // the GovStack response's code for a finished signature
            signingCertificates.put(
                    request.getKey(),
                    assertVerifies(request.getKey(), response.path("signature").asString(), request.getValue()));
        }
        try (Connection db = stack.postgres().superuserConnection()) {
            List<String> ids = new ArrayList<>(accepted.keySet());
            assertThat(count(
                            db,
                            "select count(*) from notify.signature_result where status = 'COMPLETED'"
                                    + " and signature_id = any(?)",
                            ids))
                    .as("notifier results")
                    .isEqualTo(ids.size());
            assertThat(count(
                            db,
                            "select count(*) from (select signature_id from notify.callback_delivery"
                                    + " where status = 'DELIVERED' and signature_id = any(?)"
                                    + " group by signature_id, kind having count(*) > 1) twice",
                            ids))
                    .as("signatureIds with two acknowledged deliveries")
                    .isZero();
            // cert-worker revokes a redone request's unused certificate when it reads the request's completion.
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertCertificates(db, ids, signingCertificates, redone, mayBeRedone));
        }
    }

    /** One usable one-time certificate per request, the signature's; any other one revoked; at most {@code redone}. */
    private static void assertCertificates(
            Connection db,
            List<String> ids,
            Map<String, String> signingCertificates,
            int redone,
            Set<String> mayBeRedone)
            throws Exception {
        Map<String, List<String>> usable = new HashMap<>();
        List<String> others = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement("select signature_id, serial, status from certs.certificate"
                + " where kind = 'ONE_TIME' and signature_id = any(?)")) {
            query.setArray(1, db.createArrayOf("text", ids.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    if (rows.getString(3).equals("REVOKED")) {
                        others.add(rows.getString(1));
                    } else {
                        usable.computeIfAbsent(rows.getString(1), id -> new ArrayList<>())
                                .add(rows.getString(2));
                    }
                }
            }
        }
        for (String id : ids) {
            assertThat(usable.get(id))
                    .as(id + ": usable one-time certificates (serials)")
                    .containsExactly(signingCertificates.get(id));
        }
        assertThat(others)
                .as("revoked (superseded) certificates of redone requests")
                .hasSizeLessThanOrEqualTo(redone);
        if (mayBeRedone != null) {
            assertThat(mayBeRedone)
                    .as("requests in progress at a kill, which alone may have been redone")
                    .containsAll(others);
        }
    }

    private JsonNode result(String signatureId) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(stack.url(SignetService.GATEWAY).resolve("/v1/sign/response/" + signatureId))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + dev.rpApiKey())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        // 202 with status PENDING while running, 200 once ended.
        assertThat(response.statusCode()).as(signatureId).isIn(200, 202);
        return JSON.readTree(response.body());
    }

    /** Returns the signer certificate's serial number as cert-worker stores it (lower-case hex). */
    @SuppressWarnings("unchecked")
    private static String assertVerifies(String signatureId, String signature, byte[] document) throws Exception {
        CMSSignedData cms = new CMSSignedData(
                new CMSProcessableByteArray(document), Base64.getDecoder().decode(signature));
        List<SignerInformation> signers = List.copyOf(cms.getSignerInfos().getSigners());
        assertThat(signers).as(signatureId).hasSize(1);
        SignerInformation signer = signers.getFirst();
        X509CertificateHolder certificate = cms.getCertificates()
                .getMatches((Selector<X509CertificateHolder>) signer.getSID())
                .iterator()
                .next();
        assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate)))
                .as(signatureId + " verifies")
                .isTrue();
        return certificate.getSerialNumber().toString(16);
    }

    private static long count(Connection db, String sql, List<String> ids) throws Exception {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setArray(1, db.createArrayOf("text", ids.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static byte[] sha256(byte[] document) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(document);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
