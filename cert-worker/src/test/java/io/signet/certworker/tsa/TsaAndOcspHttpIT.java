package io.signet.certworker.tsa;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.certworker.Http;
import io.signet.certworker.Openssl;
import io.signet.certworker.TestStack;
import io.signet.certworker.ca.CaMaterial;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TsaAndOcspHttpIT {

    private static TestStack stack;
    private static Path root;
    private static Path chain;

    @BeforeAll
    static void start() throws Exception {
        stack = TestStack.get();
        CaMaterial ca = stack.bean(CaMaterial.class);
        root = Files.writeString(stack.files.resolve("tsa-root.pem"), ca.rootPem());
        chain = Files.writeString(stack.files.resolve("tsa-chain.pem"), ca.chainPem());
    }

    @Test
    void opensslVerifiesTheTimeStampReplyAgainstItsQuery() throws Exception {
        Path data = Files.writeString(stack.files.resolve("tsa-data.txt"), "document to be time-stamped");
        Path query = stack.files.resolve("q.tsq");
        Openssl.Result made =
                Openssl.run("ts", "-query", "-data", data.toString(), "-sha256", "-cert", "-out", query.toString());
        assertThat(made.exitCode()).as(made.output()).isZero();

        Path reply = reply(query, "r.tsr");
        String text =
                Openssl.run("ts", "-reply", "-in", reply.toString(), "-text").output();
        assertThat(text)
                .contains("Status: Granted")
                .contains("Policy OID: 0.4.0.2023.1.1")
                .contains("Accuracy: 0x01");
        Openssl.Result verify = Openssl.run(
                "ts",
                "-verify",
                "-in",
                reply.toString(),
                "-queryfile",
                query.toString(),
                "-CAfile",
                root.toString(),
                "-untrusted",
                chain.toString());
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("Verification: OK");
    }

    @Test
    void sha1QueryIsRejectedWithBadAlg() throws Exception {
        Path data = Files.writeString(stack.files.resolve("tsa-data-sha1.txt"), "weak");
        Path query = stack.files.resolve("q-sha1.tsq");
        Openssl.run("ts", "-query", "-data", data.toString(), "-sha1", "-out", query.toString());
        String text = Openssl.run(
                        "ts", "-reply", "-in", reply(query, "r-sha1.tsr").toString(), "-text")
                .output();
        assertThat(text)
                .contains("Status: Rejected")
                .containsIgnoringCase("unrecognized or unsupported algorithm identifier");
    }

    @Test
    void ocspOverGetWithBase64InThePathAnswersUnknownForANeverIssuedSerial() throws Exception {
        CaMaterial ca = stack.bean(CaMaterial.class);
        byte[] request = new OCSPReqBuilder()
                .addRequest(new CertificateID(
                        new BcDigestCalculatorProvider().get(CertificateID.HASH_SHA1),
                        ca.issuing(),
                        BigInteger.valueOf(424242)))
                .build()
                .getEncoded();
        String encoded = java.net.URLEncoder.encode(
                Base64.getEncoder().encodeToString(request), java.nio.charset.StandardCharsets.US_ASCII);
        HttpResponse<byte[]> response = Http.binary(stack.baseUrl() + "/pki/ocsp/" + encoded, null, null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/ocsp-response");
        BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(response.body()).getResponseObject();
        assertThat(basic.getResponses()[0].getCertStatus()).isInstanceOf(UnknownStatus.class);
    }

    private static Path reply(Path query, String name) throws Exception {
        HttpResponse<byte[]> response =
                Http.binary(stack.baseUrl() + "/pki/tsa", "application/timestamp-query", Files.readAllBytes(query));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/timestamp-reply");
        return Files.write(stack.files.resolve(name), response.body());
    }
}
