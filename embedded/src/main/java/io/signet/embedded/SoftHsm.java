package io.signet.embedded;

import io.signet.hsm.HsmException;
import io.signet.hsm.TokenInitializer;
import io.signet.hsm.secrets.SecretFiles;
import io.signet.hsm.softhsm.SoftHsmConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SoftHSM2 for the embedded stack: its configuration and token directory under the stack's data directory, and the
 * tokens {@value #SIGN_TOKEN} (signing keys) and {@value #CA_TOKEN} (CA, TSA and OCSP keys), initialised through
 * PKCS#11 on first start with generated PINs kept in {@code secrets/<label>.pin} and {@code secrets/<label>.so-pin}
 * (mode 0600). A restart reuses tokens and PINs.
 *
 * <p>SoftHSM2 reads its configuration only from the file named by the environment variable {@code SOFTHSM2_CONF},
 * which a running JVM cannot change; {@link #start} therefore refuses to go on when that variable names another file.
 * Holds no resources itself: the services open the tokens.
 */
public final class SoftHsm {

    public static final String SIGN_TOKEN = "signet-sign";
    public static final String CA_TOKEN = "signet-ca";
    public static final List<String> TOKENS = List.of(SIGN_TOKEN, CA_TOKEN);

    private static final Logger LOG = LoggerFactory.getLogger(SoftHsm.class);

    private final Path modulePath;
    private final Path confFile;
    private final Path tokenDir;
    private final Path secretsDir;

    private SoftHsm(Path modulePath, Path confFile, Path tokenDir, Path secretsDir) {
        this.modulePath = modulePath;
        this.confFile = confFile;
        this.tokenDir = tokenDir;
        this.secretsDir = secretsDir;
    }

    /**
     * Writes the configuration to {@code confFile} with tokens in {@code tokenDir}, makes sure both tokens exist and
     * checks that each accepts the PIN in its PIN file.
     *
     * @param modulePath the SoftHSM2 PKCS#11 library
     * @param confFile where the configuration goes; must be the file named by {@code SOFTHSM2_CONF}
     * @throws EmbeddedStackException with one line for a missing module, a mismatching {@code SOFTHSM2_CONF} or a
     *     wrong PIN
     */
    public static SoftHsm start(Path modulePath, Path confFile, Path tokenDir, Path secretsDir) {
        Path conf = confFile.toAbsolutePath().normalize();
        requireConfEnvironment(conf);
        if (!Files.isRegularFile(modulePath)) {
            throw new EmbeddedStackException("PKCS#11 module " + modulePath
                    + " does not exist: install SoftHSM2 (apt-get install softhsm2) or set "
                    + SoftHsmConfig.MODULE_ENV + " to its libsofthsm2.so");
        }
        SoftHsmConfig.writeConfig(conf, tokenDir);
        SoftHsm softHsm = new SoftHsm(modulePath, conf, tokenDir.toAbsolutePath(), secretsDir);
        for (String label : TOKENS) {
            softHsm.ensureToken(label);
        }
        LOG.info("SoftHSM2 tokens {} in {}", TOKENS, tokenDir);
        return softHsm;
    }

    /** The module path SoftHSM2 would be found at: {@code SIGNET_HSM_MODULE} or the usual install locations. */
    public static Optional<Path> defaultModulePath() {
        try {
            return Optional.of(SoftHsmConfig.defaultModulePath());
        } catch (HsmException e) {
            return Optional.empty();
        }
    }

    public Path modulePath() {
        return modulePath;
    }

    public Path confFile() {
        return confFile;
    }

    public Path tokenDir() {
        return tokenDir;
    }

    /** The file holding the user PIN of token {@code label}. */
    public Path pinFile(String label) {
        return secretsDir.resolve(label + ".pin");
    }

    /** The file holding the security officer PIN of token {@code label}. */
    public Path soPinFile(String label) {
        return secretsDir.resolve(label + ".so-pin");
    }

    private void ensureToken(String label) {
        char[] soPin = SecretFiles.readOrCreate(soPinFile(label)).toCharArray();
        char[] userPin = SecretFiles.readOrCreate(pinFile(label)).toCharArray();
        try {
            TokenInitializer.ensureToken(modulePath, label, soPin, userPin);
            PinCheck.verify(modulePath, label, userPin, pinFile(label));
        } catch (HsmException e) {
            throw new EmbeddedStackException("HSM token '" + label + "': " + e.getMessage(), e);
        } finally {
            Arrays.fill(soPin, '\0');
            Arrays.fill(userPin, '\0');
        }
    }

    private static void requireConfEnvironment(Path conf) {
        Optional<Path> fromEnvironment = SoftHsmConfig.confFileFromEnvironment();
        String fix = "run: export " + SoftHsmConfig.CONF_ENV + "=" + conf;
        if (fromEnvironment.isEmpty()) {
            throw new EmbeddedStackException(SoftHsmConfig.CONF_ENV + " is not set; SoftHSM2 reads its configuration "
                    + "only from there: " + fix);
        }
        if (!fromEnvironment.get().toAbsolutePath().normalize().equals(conf)) {
            throw new EmbeddedStackException(SoftHsmConfig.CONF_ENV + " is " + fromEnvironment.get()
                    + " but this data directory's SoftHSM2 configuration is " + conf + ": " + fix);
        }
    }
}
