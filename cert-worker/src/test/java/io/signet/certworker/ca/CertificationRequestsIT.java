package io.signet.certworker.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.certworker.ca.CertificationRequests.Problem;
import io.signet.certworker.ca.CertificationRequests.RejectedException;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.CertificationRequestInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Certification requests checked as cert-worker checks them: EC self-signatures in the CA's SoftHSM2 token. */
class CertificationRequestsIT {

    private static CertificationRequests requests() {
        return io.signet.certworker.TestStack.get().bean(CertificationRequests.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"secp256r1", "secp384r1"})
    void ecCsrOnAcceptedCurveVerifies(String curve) {
        var csr = requests().verified(TestCsrs.csr(TestCsrs.ec(curve), "CN=A"));
        assertThat(csr.getSubject().toString()).isEqualTo("CN=A");
    }

    @Test
    void rsa2048Verifies() {
        requests().verified(TestCsrs.csr(TestCsrs.rsa(2048), "CN=A"));
    }

    @Test
    void csrSignedWithAnotherKeyIsRefusedAsBadSignature() {
        byte[] der = TestCsrs.csr(TestCsrs.ec("secp256r1"), TestCsrs.ec("secp256r1"), "CN=A");
        assertProblem(der, Problem.BAD_SIGNATURE);
    }

    @Test
    void ecSignatureThatIsNotDerIsRefusedAsBadSignature() throws Exception {
        PKCS10CertificationRequest genuine =
                new PKCS10CertificationRequest(TestCsrs.csr(TestCsrs.ec("secp256r1"), "CN=A"));
        byte[] der = new CertificationRequest(
                        genuine.toASN1Structure().getCertificationRequestInfo(),
                        genuine.getSignatureAlgorithm(),
                        new DERBitString(new byte[64]))
                .getEncoded();
        assertProblem(der, Problem.BAD_SIGNATURE);
    }

    @Test
    void ecKeyOffItsCurveIsMalformed() throws Exception {
        PKCS10CertificationRequest genuine =
                new PKCS10CertificationRequest(TestCsrs.csr(TestCsrs.ec("secp256r1"), "CN=A"));
        CertificationRequestInfo info = genuine.toASN1Structure().getCertificationRequestInfo();
        byte[] point = info.getSubjectPublicKeyInfo().getPublicKeyData().getBytes();
        point[point.length - 1] ^= 1;
        CertificationRequestInfo offCurve = new CertificationRequestInfo(
                info.getSubject(),
                new SubjectPublicKeyInfo(info.getSubjectPublicKeyInfo().getAlgorithm(), point),
                info.getAttributes());
        byte[] der = new CertificationRequest(
                        offCurve,
                        genuine.getSignatureAlgorithm(),
                        genuine.toASN1Structure().getSignature())
                .getEncoded();
        assertProblem(der, Problem.MALFORMED);
    }

    @Test
    void weakKeysAreRefused() {
        assertProblem(TestCsrs.csr(TestCsrs.rsa(1024), "CN=A"), Problem.WEAK_KEY);
        assertProblem(TestCsrs.csr(TestCsrs.ec("secp521r1"), "CN=A"), Problem.WEAK_KEY);
    }

    @Test
    void garbageIsMalformed() {
        assertProblem(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}, Problem.MALFORMED);
        assertProblem(new byte[0], Problem.MALFORMED);
    }

    private static void assertProblem(byte[] der, Problem problem) {
        assertThatThrownBy(() -> requests().verified(der))
                .isInstanceOfSatisfying(
                        RejectedException.class, e -> assertThat(e.problem()).isEqualTo(problem));
    }
}
