package io.signet.certworker.scd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.signet.certworker.Http;
import io.signet.certworker.KafkaTestClient;
import io.signet.certworker.Openssl;
import io.signet.certworker.TestIdp;
import io.signet.certworker.TestStack;
import io.signet.certworker.ca.CaMaterial;
import io.signet.certworker.ca.TestCsrs;
import io.signet.schemas.CertStatusChanged;
import io.signet.schemas.EventTypes;
import io.signet.schemas.Topics;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The GovStack certificate API and the revocation services it feeds (OCSP, CRL) checked with openssl. */
class ScdCertIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static TestStack stack;
    private static KafkaTestClient kafka;
    private static Path root;
    private static Path chain;
    private static Path issuing;

    @BeforeAll
    static void start() throws Exception {
        stack = TestStack.get();
        kafka = new KafkaTestClient(stack.stack.kafka().orElseThrow().bootstrap(), List.of(Topics.CERT_STATUS));
        CaMaterial ca = stack.bean(CaMaterial.class);
        root = Files.writeString(stack.files.resolve("scd-root.pem"), ca.rootPem());
        chain = Files.writeString(stack.files.resolve("scd-chain.pem"), ca.chainPem());
        issuing = Files.writeString(stack.files.resolve("scd-issuing.pem"), CaMaterial.pem(List.of(ca.issuing())));
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.close();
    }

    @Test
    void createdCertificateIsGoodInOcspThenRevokedInOcspAndCrlWithinFiveSeconds() throws Exception {
        String subject = "sub-" + UUID.randomUUID();
        String token = TestIdp.token(subject, "Max", "Muster", false);
        JsonNode created = create(
                token, csr("CN=Max Muster,GIVENNAME=Max,SURNAME=Muster,C=DE"), "max-" + subject.substring(4, 12), 200);
        String certificateId = created.get("certificateId").asString();
        assertThat(certificateId).hasSize(64);
        Path leaf = Files.writeString(
                stack.files.resolve("scd-" + certificateId + ".pem"),
                created.get("certificate").asString());
        Openssl.Result verify =
                Openssl.run("verify", "-CAfile", root.toString(), "-untrusted", chain.toString(), leaf.toString());
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(ocsp(leaf)).contains(leaf + ": good").contains("Response verify OK");

        HttpResponse<String> patch = Http.json(
                "PATCH",
                stack.baseUrl() + "/v1/cert/" + certificateId,
                token,
                "{\"status\":{\"code\":\"REVOKED\",\"message\":\"device lost\"},\"reason\":\"keyCompromise\"}");
        assertThat(patch.statusCode()).as(patch.body()).isEqualTo(200);
        String serial = Openssl.run("x509", "-in", leaf.toString(), "-noout", "-serial")
                .output()
                .strip()
                .substring("serial=".length());

        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    assertThat(ocsp(leaf)).contains(leaf + ": revoked").contains("Reason: keyCompromise");
                    Path crl = Files.write(
                            stack.files.resolve("crl.der"),
                            Http.binary(stack.baseUrl() + "/pki/crl", null, null)
                                    .body());
                    String text = Openssl.run("crl", "-inform", "DER", "-in", crl.toString(), "-noout", "-text")
                            .output();
                    assertThat(text)
                            .contains("X509v3 CRL Number")
                            .contains("X509v3 Authority Key Identifier")
                            .contains("Next Update")
                            .contains("Serial Number: " + serial)
                            .contains("Key Compromise");
                    Openssl.Result crlVerify = Openssl.run(
                            "crl", "-inform", "DER", "-in", crl.toString(), "-noout", "-CAfile", chain.toString());
                    assertThat(crlVerify.output()).contains("verify OK");
                });
        await().atMost(Duration.ofSeconds(10))
                .until(() -> kafka.raw.getOrDefault(Topics.CERT_STATUS, List.of()).stream()
                        .map(r -> kafka.events
                                .fromConsumerRecord(r, EventTypes.CERT_STATUS_CHANGED_V1)
                                .payload())
                        .anyMatch(e -> e.certificateId().equals(certificateId)
                                && e.status() == CertStatusChanged.Status.REVOKED
                                && e.reason() == CertStatusChanged.RevocationReason.KEY_COMPROMISE));

        HttpResponse<String> again = Http.json(
                "PATCH",
                stack.baseUrl() + "/v1/cert/" + certificateId,
                token,
                "{\"status\":{\"code\":\"ACTIVATED\",\"message\":\"found it\"}}");
        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(again.body()).at("/status/code").asString()).isEqualTo("ERROR");
    }

    @Test
    void serialNeverIssuedIsUnknownNotGood() {
        String output = Openssl.run(
                        "ocsp",
                        "-issuer",
                        issuing.toString(),
                        "-serial",
                        "0x1234567890abcdef",
                        "-url",
                        stack.baseUrl() + "/pki/ocsp",
                        "-CAfile",
                        root.toString(),
                        "-verify_other",
                        chain.toString())
                .output();
        assertThat(output).contains("0x1234567890abcdef: unknown").contains("Response verify OK");
    }

    @Test
    void suspendListAndReactivate() throws Exception {
        String subject = "sub-" + UUID.randomUUID();
        String token = TestIdp.token(subject, "Ada", "Lovelace", false);
        String id = create(token, csr("CN=Ada Lovelace"), null, 200)
                .get("certificateId")
                .asString();
        assertThat(patch(token, id, "SUSPENDED").statusCode()).isEqualTo(200);
        assertThat(list(token, "SUSPENDED"))
                .extracting(n -> n.get("certificateId").asString())
                .containsExactly(id);
        assertThat(list(token, "ACTIVATED")).isEmpty();
        assertThat(patch(token, id, "SUSPENDED").statusCode()).isEqualTo(422);
        assertThat(patch(token, id, "ACTIVATED").statusCode()).isEqualTo(200);
        assertThat(list(token, "ALL"))
                .singleElement()
                .satisfies(n -> assertThat(n.at("/status/code").asString()).isEqualTo("ACTIVE"));
        assertThat(patch(token, id, "REVOKED").statusCode()).isEqualTo(200);
        assertThat(list(token, "REVOKED")).hasSize(1);
        assertThat(patch(token, id, "ACTIVATED").statusCode()).isEqualTo(422);

        String stranger = TestIdp.token("sub-" + UUID.randomUUID(), "Eve", "Other", false);
        assertThat(patch(stranger, id, "SUSPENDED").statusCode()).isEqualTo(404);
        assertThat(list(stranger, "ALL")).isEmpty();
    }

    @Test
    void adminMayChangeSomeoneElsesCertificate() throws Exception {
        String owner = TestIdp.token("sub-" + UUID.randomUUID(), "Bob", "Builder", false);
        String id = create(owner, csr("CN=Bob Builder"), null, 200)
                .get("certificateId")
                .asString();
        String admin = TestIdp.token("admin-" + UUID.randomUUID(), "Root", "Admin", true);
        assertThat(patch(admin, id, "SUSPENDED").statusCode()).isEqualTo(200);
    }

    @Test
    void badCsrsGetTheirCodeAndCreateNothing() throws Exception {
        String subject = "sub-" + UUID.randomUUID();
        String token = TestIdp.token(subject, "Carl", "Gauss", false);
        KeyPair key = TestCsrs.ec("secp256r1");
        String badSignature =
                Base64.getEncoder().encodeToString(TestCsrs.csr(key, TestCsrs.ec("secp256r1"), "CN=Carl Gauss"));
        String weak = Base64.getEncoder().encodeToString(TestCsrs.csr(TestCsrs.rsa(1024), "CN=Carl Gauss"));
        String wrongCurve = Base64.getEncoder().encodeToString(TestCsrs.csr(TestCsrs.ec("secp521r1"), "CN=Carl Gauss"));
        String otherPerson = csr("CN=Somebody Else");
        String extraAttribute = csr("CN=Carl Gauss,O=Evil Corp");
        for (String bad : List.of(badSignature, weak, wrongCurve, otherPerson, extraAttribute, "bm90IGEgY3Ny")) {
            create(token, bad, null, 422);
        }
        create(token, "", null, 422);
        assertThat(rows(subject)).isZero();
    }

    @Test
    void takenPseudonymIs409AndCreatesNothing() throws Exception {
        String pseudonym = "dup-" + UUID.randomUUID().toString().substring(0, 8);
        create(TestIdp.token("sub-" + UUID.randomUUID(), "Dora", "One", false), csr("CN=Dora One"), pseudonym, 200);
        String second = "sub-" + UUID.randomUUID();
        create(TestIdp.token(second, "Dora", "Two", false), csr("CN=Dora Two"), pseudonym, 409);
        assertThat(rows(second)).isZero();
    }

    @Test
    void missingForgedUnsignedAndHmacTokensAre401() throws Exception {
        String body = "{\"CSR\":\"" + csr("CN=A B") + "\"}";
        String url = stack.baseUrl() + "/v1/cert/create";
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(TestIdp.ISSUER)
                .audience(TestIdp.AUDIENCE)
                .subject("x")
                .expirationTime(Date.from(Instant.now().plusSeconds(60)))
                .build();
        String none = new PlainJWT(claims).serialize();
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        hmac.sign(new MACSigner(new byte[32]));
        String expired = TestIdp.sign(new JWTClaimsSet.Builder(claims)
                .expirationTime(Date.from(Instant.now().minusSeconds(600)))
                .build());
        String wrongAudience =
                TestIdp.sign(new JWTClaimsSet.Builder(claims).audience("other").build());
        List<Supplier<String>> tokens =
                List.of(() -> null, () -> none, hmac::serialize, () -> expired, () -> wrongAudience, () -> "garbage");
        for (Supplier<String> token : tokens) {
            HttpResponse<String> response = Http.json("POST", url, token.get(), body);
            assertThat(response.statusCode()).as(String.valueOf(token.get())).isEqualTo(401);
            assertThat(JSON.readTree(response.body()).at("/status/code").asString())
                    .isEqualTo("ERROR");
            assertThat(JSON.readTree(response.body()).has("responseTimestamp")).isTrue();
        }
    }

    private static JsonNode create(String token, String csr, String pseudonym, int expectedStatus) throws Exception {
        String body = JSON.writeValueAsString(java.util.Map.of(
                "CSR",
                csr,
                "SCDType",
                "REMOTE_SCD_APP_ANDROID",
                "SCDRemoteId",
                "654C4DB3",
                "SCDKeyId",
                0,
                "pseudonym",
                pseudonym == null ? "psn-" + UUID.randomUUID().toString().substring(0, 12) : pseudonym));
        HttpResponse<String> response = Http.json("POST", stack.baseUrl() + "/v1/cert/create", token, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> patch(String token, String id, String code) {
        return Http.json(
                "PATCH",
                stack.baseUrl() + "/v1/cert/" + id,
                token,
                "{\"status\":{\"code\":\"" + code + "\",\"message\":\"by test\"}}");
    }

    private static List<JsonNode> list(String token, String filter) throws Exception {
        HttpResponse<String> response =
                Http.json("GET", stack.baseUrl() + "/v1/cert/list?filter=" + filter, token, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> nodes = new java.util.ArrayList<>();
        JSON.readTree(response.body()).forEach(nodes::add);
        return nodes;
    }

    private static String ocsp(Path leaf) {
        return Openssl.run(
                        "ocsp",
                        "-issuer",
                        issuing.toString(),
                        "-cert",
                        leaf.toString(),
                        "-url",
                        stack.baseUrl() + "/pki/ocsp",
                        "-CAfile",
                        root.toString(),
                        "-verify_other",
                        chain.toString())
                .output();
    }

    private static int rows(String subject) {
        return stack.bean(Jdbi.class)
                .withHandle(h -> h.createQuery("select count(*) from certificate where subject_id = :s")
                        .bind("s", subject)
                        .mapTo(Integer.class)
                        .one());
    }

    private static String csr(String subject) {
        return Base64.getEncoder().encodeToString(TestCsrs.csr(TestCsrs.ec("secp256r1"), subject));
    }
}
