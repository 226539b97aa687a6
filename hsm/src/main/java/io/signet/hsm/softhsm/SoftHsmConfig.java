package io.signet.hsm.softhsm;

import io.signet.hsm.HsmErrorCode;
import io.signet.hsm.HsmException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * SoftHSM2 set-up for the embedded stack and tests.
 *
 * <p>SoftHSM reads the file named by the environment variable {@code SOFTHSM2_CONF} when C_Initialize runs, so
 * {@link #writeConfig} must run before the module is first used in the process, at the path in that variable (a JVM
 * cannot change its own environment).
 */
public final class SoftHsmConfig {

    /** Environment variable that overrides the module path. */
    public static final String MODULE_ENV = "SIGNET_HSM_MODULE";
    /** Environment variable SoftHSM2 reads its configuration path from. */
    public static final String CONF_ENV = "SOFTHSM2_CONF";

    private static final List<Path> CANDIDATES = List.of(
            Path.of("/usr/lib/softhsm/libsofthsm2.so"),
            Path.of("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
            Path.of("/usr/local/lib/softhsm/libsofthsm2.so"));

    private SoftHsmConfig() {}

    /**
     * Writes a SoftHSM2 configuration (file object store, tokens in {@code tokenDir}, errors only in the log) to
     * {@code confFile}, creating both directories.
     *
     * @return {@code confFile}
     */
    public static Path writeConfig(Path confFile, Path tokenDir) {
        try {
            Path absoluteTokens = tokenDir.toAbsolutePath();
            Files.createDirectories(absoluteTokens);
            Path parent = confFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            String text = "directories.tokendir = " + absoluteTokens + "\n"
                    + "objectstore.backend = file\n"
                    + "log.level = ERROR\n";
            Files.writeString(confFile, text, StandardCharsets.UTF_8);
            return confFile;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write SoftHSM2 configuration " + confFile, e);
        }
    }

    /** The configuration file path SoftHSM2 will read in this process ({@code SOFTHSM2_CONF}), if set. */
    public static Optional<Path> confFileFromEnvironment() {
        String value = System.getenv(CONF_ENV);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
    }

    /**
     * The SoftHSM2 module: {@code SIGNET_HSM_MODULE} if set, otherwise the first existing of the usual install paths.
     *
     * @throws HsmException MODULE_NOT_FOUND when none exists
     */
    public static Path defaultModulePath() {
        String override = System.getenv(MODULE_ENV);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return CANDIDATES.stream()
                .filter(Files::isRegularFile)
                .findFirst()
                .orElseThrow(() -> new HsmException(
                        HsmErrorCode.MODULE_NOT_FOUND,
                        "PKCS#11 module not found: no SoftHSM2 in " + CANDIDATES + " and " + MODULE_ENV + " not set"));
    }
}
