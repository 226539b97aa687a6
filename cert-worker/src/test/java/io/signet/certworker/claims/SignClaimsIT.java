package io.signet.certworker.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signet.certworker.Http;
import io.signet.certworker.KafkaTestClient;
import io.signet.certworker.TestStack;
import io.signet.certworker.ca.TestCsrs;
import io.signet.certworker.onetime.OneTimeCertHandler;
import io.signet.schemas.Base64Bytes;
import io.signet.schemas.CertIssued;
import io.signet.schemas.CertRequested;
import io.signet.schemas.ConformanceLevel;
import io.signet.schemas.SignCompleted;
import io.signet.schemas.SignFailed;
import io.signet.schemas.SignatureFormat;
import io.signet.schemas.SignerClaims;
import io.signet.schemas.Topics;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Sign claims on the embedded stack: the HTTP endpoint, ends from the result topics, refusal of issuance. */
class SignClaimsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static TestStack stack;
    private static KafkaTestClient kafka;

    @BeforeAll
    static void start() {
        stack = TestStack.get();
        stack.stack.kafka().orElseThrow().createTopics(List.of(Topics.SIGN_COMPLETED, Topics.SIGN_FAILED), 3);
        kafka = new KafkaTestClient(stack.stack.kafka().orElseThrow().bootstrap(), List.of(Topics.CERT_ISSUED));
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.close();
    }

    @Test
    void theFirstRecordWinsItsRetryProceedsAndAnotherRecordIsADuplicate() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();

        List<String> first = verdicts(claim(a, 0, 10), claim(b, 0, 11), claim(a, 0, 12));
        List<String> again = verdicts(claim(a, 0, 10), claim(b, 1, 11));

        assertThat(first).containsExactly("PROCEED", "PROCEED", "DUPLICATE");
        assertThat(again).containsExactly("PROCEED", "DUPLICATE");
    }

    @Test
    void aCommittedResultEndsTheClaimForEveryRecordIncludingItsOwn() {
        String completed = UUID.randomUUID().toString();
        String failed = UUID.randomUUID().toString();
        String neverClaimed = UUID.randomUUID().toString();
        assertThat(verdicts(claim(completed, 2, 5), claim(failed, 2, 6))).containsExactly("PROCEED", "PROCEED");

        kafka.send(completed(completed));
        kafka.send(
                SignFailed.permanent(failed, "rp-1", SignFailed.ErrorCode.EXPIRED, "deadline passed", Instant.now()));
        kafka.send(completed(neverClaimed));
        kafka.flush();

        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> verdicts(claim(completed, 2, 5), claim(failed, 2, 6), claim(neverClaimed, 0, 1)),
                        v -> v.equals(List.of("ENDED", "ENDED", "ENDED")));
    }

    @Test
    void aCertificateIsRefusedForARecordThatDoesNotHoldTheClaim() throws Exception {
        String signatureId = UUID.randomUUID().toString();
        assertThat(verdicts(claim(signatureId, 1, 100))).containsExactly("PROCEED");

        CertRequested other = request(signatureId, new CertRequested.Source(1, 101));
        CertRequested owner = request(signatureId, new CertRequested.Source(1, 100));
        CertRequested unclaimed = request(UUID.randomUUID().toString(), new CertRequested.Source(0, 7));
        kafka.send(other);
        kafka.send(owner);
        kafka.send(unclaimed);
        kafka.flush();

        assertThat(reply(other).succeeded()).isFalse();
        assertThat(reply(other).error().code()).isEqualTo(CertIssued.CertRefusal.Code.POLICY_VIOLATION);
        assertThat(reply(unclaimed).error().code()).isEqualTo(CertIssued.CertRefusal.Code.POLICY_VIOLATION);
        assertThat(reply(owner).succeeded()).as("%s", reply(owner).error()).isTrue();
    }

    @Test
    void aCertificateRequestSentAfterItsSignRequestEndedIsRefusedAndOneSentBeforeIsNotAnsweredWhenReadAgain()
            throws Exception {
        String signatureId = UUID.randomUUID().toString();
        assertThat(verdicts(claim(signatureId, 2, 300))).containsExactly("PROCEED");
        CertRequested original = request(signatureId, new CertRequested.Source(2, 300));
        kafka.send(original);
        kafka.flush();
        assertThat(reply(original).succeeded()).isTrue();
        kafka.send(completed(signatureId));
        kafka.flush();
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> verdicts(claim(signatureId, 2, 300)), v -> v.equals(List.of("ENDED")));

        // A second copy of the same record, still at work and asking after the request ended: told so, it stops.
        CertRequested redundant = request(signatureId, new CertRequested.Source(2, 300));
        kafka.send(redundant);
        kafka.flush();
        CertIssued refused = reply(redundant);
        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.error().code()).isEqualTo(CertIssued.CertRefusal.Code.REQUEST_ENDED);

        // A request sent before the end, read again (a replay: nobody waits), and a live request after it as a marker.
        CertRequested replayed = request(
                signatureId, new CertRequested.Source(2, 300), Instant.now().minus(Duration.ofHours(1)));
        String live = UUID.randomUUID().toString();
        assertThat(verdicts(claim(live, 2, 301))).containsExactly("PROCEED");
        CertRequested marker = request(live, new CertRequested.Source(2, 301));
        kafka.send(replayed);
        kafka.send(marker);
        kafka.flush();

        assertThat(reply(marker).succeeded()).isTrue();
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> kafka.replies.get(replayed.requestId()) == null);
        int certificates = stack.bean(Jdbi.class)
                .withHandle(h -> h.createQuery("select count(*) from certificate where signature_id = :id")
                        .bind("id", signatureId)
                        .mapTo(Integer.class)
                        .one());
        assertThat(certificates).as("only the original's certificate").isEqualTo(1);
    }

    @Test
    void aRequestThatEndsWhileItsCertificateIsBeingMadeGetsNoneAndNoneIsStored() throws Exception {
        String signatureId = UUID.randomUUID().toString();
        assertThat(verdicts(claim(signatureId, 2, 400))).containsExactly("PROCEED");
        CertRequested request = request(signatureId, new CertRequested.Source(2, 400));
        OneTimeCertHandler handler = stack.bean(OneTimeCertHandler.class);
        Jdbi jdbi = stack.bean(Jdbi.class);
        try (Handle ending = jdbi.open()) {
            // The ending (the notifier's expiry, read by the claims listener) is written but not yet committed when
            // the handler reads the claim: it sees the request open and makes its certificate.
            ending.begin();
            ending.attach(SignClaimDao.class).endAll(List.of(signatureId), Instant.now());
            CompletableFuture<List<CertIssued>> issuing =
                    CompletableFuture.supplyAsync(() -> handler.handle(List.of(request)));
            await().atMost(WAIT)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> issuing.isDone() || waitsForAClaimLock(jdbi));
            ending.commit();

            assertThat(issuing.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .as("no reply: the request was sent before the end; a worker still waiting is told at its resend")
                    .isEmpty();
        }
        int stored = jdbi.withHandle(h -> h.createQuery("select count(*) from certificate where signature_id = :id")
                .bind("id", signatureId)
                .mapTo(Integer.class)
                .one());
        assertThat(stored)
                .as("no certificate that the ending's revocation could have missed")
                .isZero();
    }

    /** Whether a statement (the handler's) waits for a row lock on a claim. */
    private static boolean waitsForAClaimLock(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                                + " and query like '%sign_claim%for share%'")
                        .mapTo(Integer.class)
                        .one())
                > 0;
    }

    @Test
    void aMalformedClaimIsABadRequest() {
        HttpResponse<String> response = Http.json(
                "POST", stack.baseUrl() + "/internal/claims", null, "[{\"signatureId\":\"x\",\"partition\":-1}]");
        assertThat(response.statusCode()).isEqualTo(400);
    }

    private static CertIssued reply(CertRequested request) {
        return await().atMost(WAIT).until(() -> kafka.replies.get(request.requestId()), r -> r != null);
    }

    private static CertRequested request(String signatureId, CertRequested.Source source) throws Exception {
        return request(signatureId, source, Instant.now());
    }

    private static CertRequested request(String signatureId, CertRequested.Source source, Instant requestedAt)
            throws Exception {
        return new CertRequested(
                UUID.randomUUID().toString(),
                signatureId,
                Base64Bytes.of(TestCsrs.csr(TestCsrs.ec("secp256r1"), "CN=ignored")),
                new SignerClaims("psn-claims", "Erika", "Mustermann", null, null, null, null, "DE", null, null, null),
                60,
                false,
                requestedAt,
                source);
    }

    private static SignCompleted completed(String signatureId) {
        return new SignCompleted(
                signatureId,
                "rp-1",
                SignatureFormat.RAW,
                ConformanceLevel.ADES_B_B,
                Base64Bytes.of(new byte[64]),
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
                null,
                "ECDSA_SHA256",
                Instant.now(),
                "00");
    }

    private static String claim(String signatureId, int partition, long offset) {
        return "{\"signatureId\":\"" + signatureId + "\",\"partition\":" + partition + ",\"offset\":" + offset + "}";
    }

    private static List<String> verdicts(String... claims) {
        HttpResponse<String> response =
                Http.json("POST", stack.baseUrl() + "/internal/claims", null, "[" + String.join(",", claims) + "]");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answers = JSON.readTree(response.body());
        return answers.values().stream().map(a -> a.get("verdict").asString()).toList();
    }
}
