package io.signet.launcher;

import io.signet.embedded.EmbeddedStackException;
import io.signet.embedded.SoftHsm;
import java.nio.file.Path;

/**
 * The SoftHSM2 token initialisation step of docker-compose: creates the tokens {@code signet-sign} and
 * {@code signet-ca} under {@code <data-dir>/softhsm} with PINs generated into {@code <data-dir>/secrets} once, and
 * exits. Idempotent. {@code SOFTHSM2_CONF} must name {@code <data-dir>/softhsm/softhsm2.conf}.
 */
public final class HsmInit {

    private HsmInit() {}

    public static void main(String[] args) {
        Path dataDir = Path.of(args.length == 2 && args[0].equals("--data-dir") ? args[1] : "/var/lib/signet");
        try {
            Path module = SoftHsm.defaultModulePath()
                    .orElseThrow(() -> new EmbeddedStackException(
                            "SoftHSM2 module not found; set SIGNET_HSM_MODULE to its libsofthsm2.so"));
            Path softHsmDir = dataDir.resolve("softhsm");
            SoftHsm.start(
                    module,
                    softHsmDir.resolve("softhsm2.conf"),
                    softHsmDir.resolve("tokens"),
                    dataDir.resolve("secrets"));
            System.out.println("signet: tokens " + SoftHsm.TOKENS + " ready in " + softHsmDir);
        } catch (EmbeddedStackException e) {
            System.err.println("signet: " + e.getMessage());
            System.exit(1);
        }
    }
}
