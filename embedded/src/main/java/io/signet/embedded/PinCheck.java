package io.signet.embedded;

import java.nio.file.Path;

/** Checks that a token accepts a user PIN, so a wrong PIN file fails the start, not the first signature. */
final class PinCheck {

    private PinCheck() {}

    static void verify(Path modulePath, String label, char[] userPin, Path pinFile) {
        // Filled in once io.signet.hsm.Pkcs11Token lands (login with the PIN, then close).
    }
}
