package io.signet.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.signet.hsm.internal.ModuleRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Misconfiguration fails at open with one clear line, without leaking the PIN or a module lease. */
class ConfigurationErrorsIT {

    @Test
    void missingModuleIsNamed() {
        HsmException e = catchThrowableOfType(
                HsmException.class,
                () -> Pkcs11Token.open(HsmConfig.of(Path.of("/opt/nowhere/libpkcs11.so"), "signet-sign", pin())));

        assertThat(e.code()).isEqualTo(HsmErrorCode.MODULE_NOT_FOUND);
        assertThat(e).hasMessage("PKCS#11 module not found: /opt/nowhere/libpkcs11.so");
    }

    @Test
    void fileThatIsNoPkcs11ModuleIsReported(@TempDir Path dir) throws Exception {
        Path notAModule = Files.writeString(dir.resolve("libfake.so"), "not a shared object");

        HsmException e = catchThrowableOfType(
                HsmException.class, () -> Pkcs11Token.open(HsmConfig.of(notAModule, "signet-sign", pin())));

        assertThat(e.code()).isEqualTo(HsmErrorCode.MODULE_INVALID);
        assertThat(e.getMessage()).startsWith("not a loadable PKCS#11 module: ").doesNotContain("\n");
        assertThat(ModuleRegistry.leaseCount(notAModule)).isZero();
    }

    @Test
    void unknownTokenLabelListsTheAvailableOnes() {
        Path module = SoftHsmTestTokens.ensure();
        int leasesBefore = ModuleRegistry.leaseCount(module);

        HsmException e = catchThrowableOfType(
                HsmException.class, () -> Pkcs11Token.open(HsmConfig.of(module, "no-such-token", pin())));

        assertThat(e.code()).isEqualTo(HsmErrorCode.TOKEN_NOT_FOUND);
        assertThat(e.getMessage())
                .startsWith("token 'no-such-token' not found in PKCS#11 module ")
                .contains("available: [")
                .contains(SoftHsmTestTokens.SIGN_TOKEN, SoftHsmTestTokens.CA_TOKEN)
                .doesNotContain("\n");
        assertThat(ModuleRegistry.leaseCount(module)).isEqualTo(leasesBefore);
    }

    @Test
    void wrongPinGivesTheReturnValueButNeverThePin() {
        Path module = SoftHsmTestTokens.ensure();
        int leasesBefore = ModuleRegistry.leaseCount(module);
        String wrongPin = "wrong-pin-12345";

        HsmException e = catchThrowableOfType(
                HsmException.class,
                () -> Pkcs11Token.open(HsmConfig.of(module, SoftHsmTestTokens.SIGN_TOKEN, wrongPin.toCharArray())));

        assertThat(e.code()).isEqualTo(HsmErrorCode.PIN_INCORRECT);
        assertThat(e.retryable()).isFalse();
        assertThat(e).hasMessage("login to token 'signet-sign' failed: CKR_PIN_INCORRECT");
        assertThat(e.getMessage()).doesNotContain(wrongPin);
        assertThat(ModuleRegistry.leaseCount(module)).isEqualTo(leasesBefore);
    }

    private static char[] pin() {
        return SoftHsmTestTokens.USER_PIN.toCharArray();
    }
}
