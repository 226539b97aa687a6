package io.signet.certworker.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.certworker.ca.CertificationRequests.Problem;
import io.signet.certworker.ca.CertificationRequests.RejectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CertificationRequestsTest {

    @ParameterizedTest
    @ValueSource(strings = {"secp256r1", "secp384r1"})
    void ecCsrOnAcceptedCurveVerifies(String curve) {
        var csr = CertificationRequests.verified(TestCsrs.csr(TestCsrs.ec(curve), "CN=A"));
        assertThat(csr.getSubject().toString()).isEqualTo("CN=A");
    }

    @Test
    void rsa2048Verifies() {
        CertificationRequests.verified(TestCsrs.csr(TestCsrs.rsa(2048), "CN=A"));
    }

    @Test
    void csrSignedWithAnotherKeyIsRefusedAsBadSignature() {
        byte[] der = TestCsrs.csr(TestCsrs.ec("secp256r1"), TestCsrs.ec("secp256r1"), "CN=A");
        assertProblem(der, Problem.BAD_SIGNATURE);
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
        assertThatThrownBy(() -> CertificationRequests.verified(der))
                .isInstanceOfSatisfying(
                        RejectedException.class, e -> assertThat(e.problem()).isEqualTo(problem));
    }
}
