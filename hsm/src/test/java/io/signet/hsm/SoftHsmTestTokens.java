package io.signet.hsm;

import io.signet.hsm.softhsm.SoftHsmConfig;
import java.nio.file.Path;

/**
 * Test support: a SoftHSM2 configuration at the path the build sets in {@code SOFTHSM2_CONF}
 * (target/softhsm2/softhsm2.conf) and the two Signet tokens in it, created once per JVM.
 */
public final class SoftHsmTestTokens {

    public static final String SIGN_TOKEN = "signet-sign";
    public static final String CA_TOKEN = "signet-ca";
    /** Test-only PINs for throwaway tokens under target/. */
    public static final String SO_PIN = "test-so-4711";

    public static final String USER_PIN = "test-user-4711";

    private static Path module;

    private SoftHsmTestTokens() {}

    /** Writes the configuration (once) and ensures signet-sign and signet-ca exist; returns the module path. */
    public static synchronized Path ensure() {
        if (module == null) {
            Path conf = SoftHsmConfig.confFileFromEnvironment()
                    .orElseThrow(() -> new IllegalStateException("SOFTHSM2_CONF is not set; run the tests via Maven"));
            SoftHsmConfig.writeConfig(conf, conf.resolveSibling("tokens"));
            Path path = SoftHsmConfig.defaultModulePath();
            TokenInitializer.ensureToken(path, SIGN_TOKEN, SO_PIN.toCharArray(), USER_PIN.toCharArray());
            TokenInitializer.ensureToken(path, CA_TOKEN, SO_PIN.toCharArray(), USER_PIN.toCharArray());
            module = path;
        }
        return module;
    }
}
