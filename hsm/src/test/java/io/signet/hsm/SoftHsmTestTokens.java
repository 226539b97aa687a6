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

    private static void deleteTree(Path root) {
        if (!java.nio.file.Files.exists(root)) {
            return;
        }
        try (var paths = java.nio.file.Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A config for one of the test tokens with the test user PIN and a small pool. */
    public static HsmConfig config(String tokenLabel) {
        return new HsmConfig(ensure(), tokenLabel, USER_PIN.toCharArray(), 4, HsmConfig.DEFAULT_BORROW_TIMEOUT);
    }

    /** Creates a fresh throwaway token (unique label) for tests that change token state; returns its label. */
    public static String freshToken() {
        String label = "it-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        TokenInitializer.ensureToken(ensure(), label, SO_PIN.toCharArray(), USER_PIN.toCharArray());
        return label;
    }

    /** Writes the configuration (once) and ensures signet-sign and signet-ca exist; returns the module path. */
    public static synchronized Path ensure() {
        if (module == null) {
            Path conf = SoftHsmConfig.confFileFromEnvironment()
                    .orElseThrow(() -> new IllegalStateException("SOFTHSM2_CONF is not set; run the tests via Maven"));
            Path tokens = conf.resolveSibling("tokens");
            deleteTree(tokens); // fresh tokens per test JVM, so throwaway tokens do not pile up across runs
            SoftHsmConfig.writeConfig(conf, tokens);
            Path path = SoftHsmConfig.defaultModulePath();
            TokenInitializer.ensureToken(path, SIGN_TOKEN, SO_PIN.toCharArray(), USER_PIN.toCharArray());
            TokenInitializer.ensureToken(path, CA_TOKEN, SO_PIN.toCharArray(), USER_PIN.toCharArray());
            module = path;
        }
        return module;
    }
}
