package io.signet.launcher;

import io.signet.embedded.internal.SecretFiles;
import java.nio.file.Path;

/**
 * The notifier's ops token of the embedded default: generated once into {@code <dataDir>/secrets/ops.token} (mode
 * 0600). The notifier requires it on its ops endpoints ({@code SIGNET_OPS_TOKEN_FILE}); {@code client.properties}
 * names the file for {@code signet redrive}.
 */
final class OpsToken {

    private OpsToken() {}

    /** The token file, created with a random token if missing. */
    static Path prepare(Path dataDir) {
        Path file = dataDir.resolve("secrets").resolve("ops.token");
        SecretFiles.readOrCreate(file);
        return file.toAbsolutePath();
    }
}
