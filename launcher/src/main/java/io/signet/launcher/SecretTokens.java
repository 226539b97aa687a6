package io.signet.launcher;

import io.signet.hsm.secrets.SecretFiles;
import java.nio.file.Path;

/**
 * Shared secrets of the embedded default, each generated once into {@code <dataDir>/secrets/} (mode 0600): the
 * notifier's ops token, which it requires on its ops endpoints ({@code SIGNET_OPS_TOKEN_FILE}; {@code client.properties}
 * names the file for {@code signet redrive}), and the internal token the gateway sends and the notifier requires on the
 * result endpoints ({@code SIGNET_INTERNAL_TOKEN_FILE}).
 */
final class SecretTokens {

    private SecretTokens() {}

    /** The ops token's file, created with a random token if missing. */
    static Path ops(Path dataDir) {
        return prepare(dataDir, "ops.token");
    }

    /** The internal token's file, created with a random token if missing. */
    static Path internal(Path dataDir) {
        return prepare(dataDir, "internal.token");
    }

    private static Path prepare(Path dataDir, String name) {
        Path file = dataDir.resolve("secrets").resolve(name);
        SecretFiles.readOrCreate(file);
        return file.toAbsolutePath();
    }
}
