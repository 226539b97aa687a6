package io.signet.certworker.onetime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signet.certworker.KafkaTestClient;
import io.signet.certworker.Openssl;
import io.signet.certworker.TestStack;
import io.signet.certworker.ca.CaMaterial;
import io.signet.certworker.ca.CertificateDao;
import io.signet.certworker.ca.TestCsrs;
import io.signet.schemas.Base64Bytes;
import io.signet.schemas.CertIssued;
import io.signet.schemas.CertRequested;
import io.signet.schemas.ConformanceLevel;
import io.signet.schemas.SignCompleted;
import io.signet.schemas.SignExpired;
import io.signet.schemas.SignFailed;
import io.signet.schemas.SignatureFormat;
import io.signet.schemas.SignerClaims;
import io.signet.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OneTimeCertIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TestStack stack;
    private static KafkaTestClient kafka;

    @BeforeAll
    static void start() {
        stack = TestStack.get();
        // Results are sign-worker's topics; the claims listener reads them (idempotent if SignClaimsIT made them).
        stack.stack.kafka().orElseThrow().createTopics(List.of(Topics.SIGN_COMPLETED, Topics.SIGN_FAILED), 3);
        kafka = new KafkaTestClient(
                stack.stack.kafka().orElseThrow().bootstrap(),
                List.of(Topics.CERT_ISSUED, Topics.dlt(Topics.CERT_REQUESTED), Topics.CERT_STATUS));
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.close();
    }

    @Test
    void requestIsAnsweredWithAPersistedCertificateThatOpensslVerifiesAndThatCarriesTheClaims() throws Exception {
        CertRequested request = request(TestCsrs.csr(TestCsrs.ec("secp256r1"), "CN=ignored"), true);
        kafka.send(request);
        kafka.flush();
        CertIssued reply = await().atMost(WAIT).until(() -> kafka.replies.get(request.requestId()), r -> r != null);

        assertThat(reply.succeeded()).isTrue();
        assertThat(reply.signatureId()).isEqualTo(request.signatureId());
        X509CertificateHolder certificate =
                new X509CertificateHolder(reply.certificate().bytes());
        assertThat(Duration.between(reply.notBefore(), reply.notAfter())).isEqualTo(Duration.ofSeconds(60));
        assertThat(certificate.getSerialNumber().toString(16)).isEqualTo(reply.serialNumber());
        assertThat(certificate
                        .getSubject()
                        .getRDNs(BCStyle.GIVENNAME)[0]
                        .getFirst()
                        .getValue()
                        .toString())
                .isEqualTo("Erika");
        assertThat(certificate
                        .getSubject()
                        .getRDNs(BCStyle.SERIALNUMBER)[0]
                        .getFirst()
                        .getValue()
                        .toString())
                .isEqualTo(request.signer().subject());

        CaMaterial ca = stack.bean(CaMaterial.class);
        Path leaf = Files.writeString(stack.files.resolve("onetime.pem"), CaMaterial.pem(List.of(certificate)));
        Path chain = Files.writeString(stack.files.resolve("onetime-chain.pem"), ca.chainPem());
        Path root = Files.writeString(stack.files.resolve("onetime-root.pem"), ca.rootPem());
        Openssl.Result verify =
                Openssl.run("verify", "-CAfile", root.toString(), "-untrusted", chain.toString(), leaf.toString());
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        String text =
                Openssl.run("x509", "-in", leaf.toString(), "-noout", "-text").output();
        assertThat(text)
                .contains("X509v3 Key Usage: critical")
                .contains("Non Repudiation")
                .contains("qcStatements")
                .contains("X509v3 Subject Directory Attributes")
                .contains("CA Issuers - URI:" + stack.baseUrl())
                .contains("OCSP - URI:" + stack.baseUrl())
                .contains("X509v3 CRL Distribution Points");

        assertThat(reply.chain()).hasSize(2);
        BasicOCSPResp ocsp = (BasicOCSPResp) new OCSPResp(reply.ocspResponse().bytes()).getResponseObject();
        assertThat(ocsp.getResponses()[0].getCertStatus()).isNull(); // good
        String id = io.signet.certworker.ca.EndEntityCertificates.certificateId(
                reply.certificate().bytes());
        java.util.Optional<io.signet.certworker.ca.CertificateRecord> stored =
                stack.bean(Jdbi.class).withExtension(CertificateDao.class, dao -> dao.findById(id));
        assertThat(stored).hasValueSatisfying(r -> assertThat(r.kind()).isEqualTo("ONE_TIME"));
    }

    @Test
    void aCertificateForARequestThatWaitedIsValidFromItsAcceptanceAndStill60sAfterIssuance() throws Exception {
        CertRequested fresh = request(TestCsrs.csr(TestCsrs.ec("secp256r1"), "CN=x"), false);
        Instant acceptedAt = Instant.now().minusSeconds(25); // the sign request waited 25 s in the pipeline
        CertRequested waited = new CertRequested(
                fresh.requestId(),
                fresh.signatureId(),
                fresh.csr(),
                fresh.signer(),
                60,
                false,
                Instant.now(),
                null,
                acceptedAt);
        Instant sent = Instant.now();
        kafka.send(waited);
        kafka.flush();
        CertIssued reply = await().atMost(WAIT).until(() -> kafka.replies.get(waited.requestId()), r -> r != null);
        Instant answered = Instant.now();
        // From (backdated) the acceptance, so a PDF signing time claimed at submission lies within the validity...
        assertThat(reply.notBefore()).isBeforeOrEqualTo(acceptedAt.minusSeconds(10));
        assertThat(reply.notBefore()).isAfter(acceptedAt.minusSeconds(12));
        // ...and still 60 s (less the backdate) after its issuance, which lies between sending and answering.
        assertThat(reply.notAfter()).isAfterOrEqualTo(sent.plusSeconds(50 - 1));
        assertThat(reply.notAfter()).isBeforeOrEqualTo(answered.plusSeconds(50));
    }

    @Test
    void aRedeliveredRequestGetsTheSameCertificateAgain() {
        CertRequested request = request(TestCsrs.csr(TestCsrs.ec("secp256r1"), "CN=x"), false);
        kafka.send(request);
        kafka.flush();
        CertIssued first = await().atMost(WAIT).until(() -> kafka.replies.remove(request.requestId()), r -> r != null);
        kafka.send(request);
        kafka.flush();
        CertIssued second = await().atMost(WAIT).until(() -> kafka.replies.get(request.requestId()), r -> r != null);
        assertThat(second.certificate()).isEqualTo(first.certificate());
    }

    @Test
    void whenARedoneSignRequestCompletesItsUnusedCertificateIsRevokedAsSuperseded() throws Exception {
        CertRequested first = request(TestCsrs.csr(TestCsrs.ec("secp256r1"), "CN=x"), false);
        kafka.send(first);
        kafka.flush();
        CertIssued used = await().atMost(WAIT).until(() -> kafka.replies.get(first.requestId()), r -> r != null);
        // The worker's commit answer was lost (Kafka died), so it redid the request: new request id, new key, same
        // signatureId. The first completion was committed after all, with the first certificate: that one is used.
        CertRequested redone = new CertRequested(
                UUID.randomUUID().toString(),
                first.signatureId(),
                Base64Bytes.of(TestCsrs.csr(TestCsrs.ec("secp256r1"), "CN=x")),
                first.signer(),
                60,
                false,
                Instant.now());
        kafka.send(redone);
        kafka.flush();
        CertIssued unused = await().atMost(WAIT).until(() -> kafka.replies.get(redone.requestId()), r -> r != null);
        assertThat(unused.serialNumber()).isNotEqualTo(used.serialNumber());
        Jdbi jdbi = stack.bean(Jdbi.class);
        assertThat(status(jdbi, unused))
                .as("before the completion nobody knows which one is used")
                .isEqualTo("ACTIVE");

        kafka.send(completion(first.signatureId(), used));
        kafka.send(completion(first.signatureId(), unused)); // the redo's completion, later: the notifier drops it
        kafka.flush();
        await().atMost(WAIT).until(() -> status(jdbi, unused).equals("REVOKED"));
        assertThat(status(jdbi, used)).isEqualTo("ACTIVE");
        java.util.Optional<io.signet.certworker.ca.CertificateRecord> revoked =
                jdbi.withExtension(CertificateDao.class, dao -> dao.findBySerial(unused.serialNumber()));
        assertThat(revoked)
                .hasValueSatisfying(row -> assertThat(row.revocationReason()).isEqualTo(4)); // superseded
        // The CRL lists the unused one with its reason, and a status event tells the audit trail.
        Path crl = stack.files.resolve("superseded.crl");
        await().atMost(WAIT).untilAsserted(() -> {
            Files.write(
                    crl,
                    io.signet.certworker.Http.binary(stack.baseUrl() + "/pki/crl", null, null)
                            .body());
            String crlText = Openssl.run("crl", "-inform", "DER", "-in", crl.toString(), "-noout", "-text")
                    .output();
            assertThat(crlText.toUpperCase(java.util.Locale.ROOT))
                    .contains(unused.serialNumber().toUpperCase(java.util.Locale.ROOT))
                    .doesNotContain(used.serialNumber().toUpperCase(java.util.Locale.ROOT));
            assertThat(crlText).contains("Superseded");
        });
        await().atMost(WAIT)
                .until(() -> kafka.raw.getOrDefault(Topics.CERT_STATUS, List.of()).stream()
                        .anyMatch(r -> new String(r.value(), java.nio.charset.StandardCharsets.UTF_8)
                                .contains(unused.serialNumber())));
    }

    @Test
    void whenASignRequestFailsItsUnusedCertificateIsRevokedAndAFailureAfterCompletionChangesNothing() {
        CertRequested failing = request(TestCsrs.csr(TestCsrs.ec("secp256r1"), "CN=x"), false);
        CertRequested completing = request(TestCsrs.csr(TestCsrs.ec("secp256r1"), "CN=x"), false);
        CertRequested sentinel = request(TestCsrs.csr(TestCsrs.ec("secp256r1"), "CN=x"), false);
        List.of(failing, completing, sentinel).forEach(kafka::send);
        kafka.flush();
        CertIssued unused = await().atMost(WAIT).until(() -> kafka.replies.get(failing.requestId()), r -> r != null);
        CertIssued used = await().atMost(WAIT).until(() -> kafka.replies.get(completing.requestId()), r -> r != null);
        CertIssued last = await().atMost(WAIT).until(() -> kafka.replies.get(sentinel.requestId()), r -> r != null);
        Jdbi jdbi = stack.bean(Jdbi.class);

        // The time-stamp authority stayed down: the worker destroyed the key and gave up on the request.
        kafka.send(failed(failing.signatureId(), SignFailed.ErrorCode.TSA_UNAVAILABLE));
        kafka.flush();
        awaitRevokedAndAnnounced(jdbi, unused, CESSATION_OF_OPERATION);

        // This one completed; a failure read afterwards is not its ending and revokes nothing. The sentinel's failure,
        // behind it on the same partition, shows when it has been read.
        kafka.send(completion(completing.signatureId(), used));
        kafka.flush();
        await().atMost(WAIT).until(() -> ended(jdbi, completing.signatureId()));
        for (String signatureId : List.of(completing.signatureId(), sentinel.signatureId())) {
            ProducerRecord<String, byte[]> record =
                    kafka.events.toProducerRecord(failed(signatureId, SignFailed.ErrorCode.INTERNAL), null);
            kafka.sendRaw(new ProducerRecord<>(record.topic(), 0, record.key(), record.value(), record.headers()));
        }
        kafka.flush();
        await().atMost(WAIT).until(() -> status(jdbi, last).equals("REVOKED"));
        assertThat(status(jdbi, used)).isEqualTo("ACTIVE");
    }

    @Test
    void whenTheNotifierExpiredARequestTheCertificateOfItsLateSignatureIsRevoked() {
        CertRequested late = request(TestCsrs.csr(TestCsrs.ec("secp256r1"), "CN=x"), false);
        kafka.send(late);
        kafka.flush();
        CertIssued used = await().atMost(WAIT).until(() -> kafka.replies.get(late.requestId()), r -> r != null);
        Jdbi jdbi = stack.bean(Jdbi.class);
        // The signature came after the deadline: cert-worker reads it as the request's ending, the notifier had
        // already answered EXPIRED and discards it.
        kafka.send(completion(late.signatureId(), used));
        kafka.flush();
        await().atMost(WAIT).until(() -> ended(jdbi, late.signatureId()));
        assertThat(status(jdbi, used)).isEqualTo("ACTIVE");

        kafka.send(new SignExpired(late.signatureId(), "rp-test", Instant.now().minusSeconds(1), Instant.now()));
        kafka.flush();

        awaitRevokedAndAnnounced(jdbi, used, CESSATION_OF_OPERATION);
    }

    private static final int CESSATION_OF_OPERATION = 5;

    /** Waits until {@code certificate} is revoked with {@code reason} and a status event announced it. */
    private static void awaitRevokedAndAnnounced(Jdbi jdbi, CertIssued certificate, int reason) {
        await().atMost(WAIT).until(() -> status(jdbi, certificate).equals("REVOKED"));
        java.util.Optional<io.signet.certworker.ca.CertificateRecord> revoked =
                jdbi.withExtension(CertificateDao.class, dao -> dao.findBySerial(certificate.serialNumber()));
        assertThat(revoked)
                .hasValueSatisfying(row -> assertThat(row.revocationReason()).isEqualTo(reason));
        await().atMost(WAIT)
                .until(() -> kafka.raw.getOrDefault(Topics.CERT_STATUS, List.of()).stream()
                        .anyMatch(r -> new String(r.value(), java.nio.charset.StandardCharsets.UTF_8)
                                .contains(certificate.serialNumber())));
    }

    private static SignFailed failed(String signatureId, SignFailed.ErrorCode code) {
        return SignFailed.permanent(signatureId, "rp-test", code, "gave up", Instant.now());
    }

    private static boolean ended(Jdbi jdbi, String signatureId) {
        return jdbi.withHandle(h -> h.createQuery(
                                "select count(*) from sign_claim where signature_id = :id and ended_at is not null")
                        .bind("id", signatureId)
                        .mapTo(Integer.class)
                        .one())
                > 0;
    }

    private static String status(Jdbi jdbi, CertIssued certificate) {
        return jdbi.withHandle(h -> h.createQuery("select status from certificate where serial = :serial")
                .bind("serial", certificate.serialNumber())
                .mapTo(String.class)
                .one());
    }

    private static SignCompleted completion(String signatureId, CertIssued certificate) {
        String pem =
                "-----BEGIN CERTIFICATE-----\n" + certificate.certificate().base64() + "\n-----END CERTIFICATE-----\n";
        return new SignCompleted(
                signatureId,
                "rp-test",
                SignatureFormat.CADES,
                ConformanceLevel.ADES_B_B,
                Base64Bytes.of(new byte[] {1, 2, 3}),
                pem,
                null,
                "SHA256withECDSA",
                Instant.now(),
                "00");
    }

    @Test
    void csrWithoutProofOfPossessionIsRefusedAndNothingIsStored() {
        byte[] csr = TestCsrs.csr(TestCsrs.ec("secp256r1"), TestCsrs.ec("secp256r1"), "CN=x");
        CertRequested request = request(csr, false);
        kafka.send(request);
        kafka.flush();
        CertIssued reply = await().atMost(WAIT).until(() -> kafka.replies.get(request.requestId()), r -> r != null);
        assertThat(reply.succeeded()).isFalse();
        assertThat(reply.error().code()).isEqualTo(CertIssued.CertRefusal.Code.INVALID_CSR);
        int rows = stack.bean(Jdbi.class)
                .withHandle(h -> h.createQuery("select count(*) from certificate where request_id = :id")
                        .bind("id", request.requestId())
                        .mapTo(Integer.class)
                        .one());
        assertThat(rows).isZero();
    }

    @Test
    void weakKeyIsRefusedAsUnsupportedAlgorithm() {
        CertRequested request = request(TestCsrs.csr(TestCsrs.rsa(1024), "CN=x"), false);
        kafka.send(request);
        kafka.flush();
        CertIssued reply = await().atMost(WAIT).until(() -> kafka.replies.get(request.requestId()), r -> r != null);
        assertThat(reply.error().code()).isEqualTo(CertIssued.CertRefusal.Code.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void aRecordThatIsNoCloudEventGoesToTheDeadLetterTopic() {
        String key = UUID.randomUUID().toString();
        kafka.sendRaw(new ProducerRecord<>(Topics.CERT_REQUESTED, key, "not an event".getBytes()));
        kafka.flush();
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> kafka.raw.getOrDefault(Topics.dlt(Topics.CERT_REQUESTED), List.of()).stream()
                        .anyMatch(r -> key.equals(r.key())));
    }

    static CertRequested request(byte[] csr, boolean includeOcsp) {
        SignerClaims claims = new SignerClaims(
                "psn-" + UUID.randomUUID().toString().substring(0, 8),
                "Erika",
                "Mustermann",
                "Erika Mustermann",
                LocalDate.of(1964, 8, 12),
                "Berlin",
                List.of("DE"),
                "DE",
                "51147",
                "Heidestrasse 17",
                "Koeln");
        return new CertRequested(
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString(),
                Base64Bytes.of(csr),
                claims,
                60,
                includeOcsp,
                Instant.now());
    }
}
