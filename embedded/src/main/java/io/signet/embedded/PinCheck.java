package io.signet.embedded;

import io.signet.hsm.HsmConfig;
import io.signet.hsm.HsmErrorCode;
import io.signet.hsm.HsmException;
import io.signet.hsm.Pkcs11Token;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/** Checks that a token accepts a user PIN, so a wrong PIN file fails the start, not the first signature. */
final class PinCheck {

    private PinCheck() {}

    /** @throws EmbeddedStackException "wrong PIN for HSM token '…' in <pin file>" */
    static void verify(Path modulePath, String label, char[] userPin, Path pinFile) {
        char[] pin = Arrays.copyOf(userPin, userPin.length);
        try (Pkcs11Token token = Pkcs11Token.open(new HsmConfig(modulePath, label, pin, 1, Duration.ofSeconds(5)))) {
            // Opening logs in once; nothing else to do.
        } catch (HsmException e) {
            if (e.code() == HsmErrorCode.PIN_INCORRECT) {
                throw new EmbeddedStackException("wrong PIN for HSM token '" + label + "' in " + pinFile
                        + " (the token keeps the PIN it was initialised with; restore that file or start with --wipe)");
            }
            throw e;
        } finally {
            Arrays.fill(pin, '\0');
        }
    }
}
