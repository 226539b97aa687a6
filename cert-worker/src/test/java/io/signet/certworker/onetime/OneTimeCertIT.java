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
    void aSignRequestRedoneWithANewKeyRevokesItsEarlierCertificateAsSuperseded() throws Exception {
        CertRequested first = request(TestCsrs.csr(TestCsrs.ec("secp256r1"), "CN=x"), false);
        kafka.send(first);
        kafka.flush();
        CertIssued unused = await().atMost(WAIT).until(() -> kafka.replies.get(first.requestId()), r -> r != null);
        // The sign-worker died (or lost its key) and redoes the request: new request id, new key, same signatureId.
        CertRequested redone = new CertRequested(
                UUID.randomUUID().toString(),
                first.signatureId(),
                Base64Bytes.of(TestCsrs.csr(TestCsrs.ec("secp256r1"), "CN=x")),
                first.signer(),
                60,
                true,
                Instant.now());
        kafka.send(redone);
        kafka.flush();
        CertIssued used = await().atMost(WAIT).until(() -> kafka.replies.get(redone.requestId()), r -> r != null);
        assertThat(used.serialNumber()).isNotEqualTo(unused.serialNumber());

        Jdbi jdbi = stack.bean(Jdbi.class);
        java.util.Optional<io.signet.certworker.ca.CertificateRecord> unusedRow =
                jdbi.withExtension(CertificateDao.class, dao -> dao.findBySerial(unused.serialNumber()));
        java.util.Optional<io.signet.certworker.ca.CertificateRecord> usedRow =
                jdbi.withExtension(CertificateDao.class, dao -> dao.findBySerial(used.serialNumber()));
        assertThat(unusedRow).hasValueSatisfying(row -> {
            assertThat(row.status()).isEqualTo(io.signet.certworker.ca.CertificateStatus.REVOKED);
            assertThat(row.revocationReason()).isEqualTo(4); // superseded
        });
        assertThat(usedRow)
                .hasValueSatisfying(
                        row -> assertThat(row.status()).isEqualTo(io.signet.certworker.ca.CertificateStatus.ACTIVE));
        // The OCSP response the redone request got (for B-LT) says good for its own certificate...
        BasicOCSPResp ocsp = (BasicOCSPResp) new OCSPResp(used.ocspResponse().bytes()).getResponseObject();
        assertThat(ocsp.getResponses()[0].getCertStatus()).isNull();
        // ...and the CRL lists the superseded one with its reason.
        Path crl = stack.files.resolve("superseded.crl");
        Files.write(
                crl,
                io.signet.certworker.Http.binary(stack.baseUrl() + "/pki/crl", null, null)
                        .body());
        String crlText = Openssl.run("crl", "-inform", "DER", "-in", crl.toString(), "-noout", "-text")
                .output();
        assertThat(crlText.toUpperCase(java.util.Locale.ROOT))
                .contains(unused.serialNumber().toUpperCase(java.util.Locale.ROOT));
        assertThat(crlText).contains("Superseded");
        await().atMost(WAIT)
                .until(() -> kafka.raw.getOrDefault(Topics.CERT_STATUS, List.of()).stream()
                        .anyMatch(r -> new String(r.value(), java.nio.charset.StandardCharsets.UTF_8)
                                .contains(unused.serialNumber())));
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
