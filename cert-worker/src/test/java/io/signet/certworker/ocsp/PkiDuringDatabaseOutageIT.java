package io.signet.certworker.ocsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signet.certworker.Http;
import io.signet.certworker.TestIdp;
import io.signet.certworker.TestStack;
import io.signet.certworker.ca.CaMaterial;
import io.signet.certworker.ca.TestCsrs;
import io.signet.embedded.PostgresServer;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What relying parties and sign-worker get from cert-worker's endpoints while its PostgreSQL is down. */
class PkiDuringDatabaseOutageIT {

    @Test
    void ocspAnswersTryLaterTheCrlIsTheLastOneIssuedClaimsAndTheCertificateApiGet503() throws Exception {
        TestStack stack = TestStack.get();
        byte[] ocspRequest = ocspRequest(stack, BigInteger.valueOf(777_777)); // never issued: always read from the DB
        HttpResponse<byte[]> crlBefore = Http.binary(stack.baseUrl() + "/pki/crl", null, null);
        assertThat(crlBefore.statusCode()).isEqualTo(200);

        PostgresServer postgres = stack.stack.postgres().orElseThrow();
        postgres.stopImmediately();
        try {
            HttpResponse<byte[]> ocsp = ocsp(stack, ocspRequest);
            assertThat(ocsp.statusCode()).isEqualTo(200);
            assertThat(new OCSPResp(ocsp.body()).getStatus()).isEqualTo(OCSPRespBuilder.TRY_LATER);

            HttpResponse<byte[]> crl = Http.binary(stack.baseUrl() + "/pki/crl", null, null);
            assertThat(crl.statusCode()).isEqualTo(200);
            assertThat(crl.body()).isEqualTo(crlBefore.body());

            // sign-worker's claims are told to come back (and it does, with back-off).
            HttpResponse<String> claims = Http.json(
                    "POST",
                    stack.baseUrl() + "/internal/claims",
                    null,
                    "[{\"signatureId\":\"outage-claim\",\"partition\":0,\"offset\":1}]");
            assertThat(claims.statusCode()).isEqualTo(503);
            assertThat(claims.headers().firstValue("Retry-After")).hasValue("1");

            // A signer's certificate request is refused as retryable, in the GovStack error body, and nothing issued.
            String subject = "sub-" + UUID.randomUUID();
            String csr = Base64.getEncoder()
                    .encodeToString(
                            TestCsrs.csr(TestCsrs.ec("secp256r1"), "CN=Max Muster,GIVENNAME=Max,SURNAME=Muster,C=DE"));
            HttpResponse<String> create = Http.json(
                    "POST",
                    stack.baseUrl() + "/v1/cert/create",
                    TestIdp.token(subject, "Max", "Muster", false),
                    "{\"CSR\":\"" + csr + "\",\"SCDType\":\"REMOTE_SCD_APP_ANDROID\",\"SCDRemoteId\":\"654C4DB3\","
                            + "\"SCDKeyId\":0,\"pseudonym\":\"psn-" + subject.substring(4, 16) + "\"}");
            assertThat(create.statusCode()).as(create.body()).isEqualTo(503);
            assertThat(create.headers().firstValue("Retry-After")).hasValue("1");
            JsonNode error = JsonMapper.builder().build().readTree(create.body());
            assertThat(error.at("/status/code").asString()).isEqualTo("ERROR");
            assertThat(error.at("/status/message").asString()).isEqualTo("service unavailable, retry later");
            assertThat(error.has("responseTimestamp")).isTrue();
        } finally {
            postgres.restart();
        }
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> new OCSPResp(ocsp(stack, ocspRequest).body()).getStatus() == OCSPRespBuilder.SUCCESSFUL);
    }

    private static HttpResponse<byte[]> ocsp(TestStack stack, byte[] request) {
        return Http.binary(stack.baseUrl() + "/pki/ocsp", "application/ocsp-request", request);
    }

    private static byte[] ocspRequest(TestStack stack, BigInteger serial) throws Exception {
        return new OCSPReqBuilder()
                .addRequest(new CertificateID(
                        new BcDigestCalculatorProvider().get(CertificateID.HASH_SHA1),
                        stack.bean(CaMaterial.class).issuing(),
                        serial))
                .build()
                .getEncoded();
    }
}
