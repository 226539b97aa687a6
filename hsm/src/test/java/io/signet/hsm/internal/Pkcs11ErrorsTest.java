package io.signet.hsm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.hsm.HsmErrorCode;
import io.signet.hsm.HsmException;
import org.junit.jupiter.api.Test;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Exception;

class Pkcs11ErrorsTest {

    @Test
    void lockedPinSaysSoInOneLine() {
        HsmException e = Pkcs11Errors.loginFailed(
                "signet-sign", new PKCS11Exception(PKCS11Constants.CKR_PIN_LOCKED, "CKR_PIN_LOCKED"));

        assertThat(e.code()).isEqualTo(HsmErrorCode.PIN_LOCKED);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage())
                .startsWith("login to token 'signet-sign' failed: CKR_PIN_LOCKED")
                .doesNotContain("\n");
    }

    @Test
    void otherLoginFailuresAreLoginFailed() {
        HsmException e = Pkcs11Errors.loginFailed(
                "signet-ca", new PKCS11Exception(PKCS11Constants.CKR_PIN_EXPIRED, "CKR_PIN_EXPIRED"));

        assertThat(e.code()).isEqualTo(HsmErrorCode.LOGIN_FAILED);
        assertThat(e).hasMessage("login to token 'signet-ca' failed: CKR_PIN_EXPIRED");
    }

    @Test
    void sessionAndDeviceProblemsAreRetryableOthersAreNot() {
        assertThat(Pkcs11Errors.code(PKCS11Constants.CKR_SESSION_HANDLE_INVALID).retryable())
                .isTrue();
        assertThat(Pkcs11Errors.code(PKCS11Constants.CKR_DEVICE_ERROR).retryable())
                .isTrue();
        assertThat(Pkcs11Errors.code(PKCS11Constants.CKR_KEY_HANDLE_INVALID)).isEqualTo(HsmErrorCode.KEY_NOT_FOUND);
        assertThat(Pkcs11Errors.code(PKCS11Constants.CKR_MECHANISM_INVALID))
                .isEqualTo(HsmErrorCode.UNSUPPORTED_ALGORITHM);
        assertThat(Pkcs11Errors.code(PKCS11Constants.CKR_FUNCTION_FAILED).retryable())
                .isFalse();
    }
}
