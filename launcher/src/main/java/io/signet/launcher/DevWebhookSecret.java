package io.signet.launcher;

import io.signet.hsm.secrets.SecretFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The Standard Webhooks secret the notifier of the embedded default signs the development RP's callbacks with (dev
 * only): generated once into {@code <dataDir>/dev/dev-webhook-secret} (mode 0600), so that a callback receiver such
 * as {@code signet bench}'s can verify them with the secret the launcher writes into {@code client.properties}.
 */
final class DevWebhookSecret {

    private DevWebhookSecret() {}

    /** {@code whsec_} and the base64 of the key (the 32 characters of the generated secret file). */
    static String prepare(Path dataDir) {
        String key = SecretFiles.readOrCreate(dataDir.resolve("dev").resolve("dev-webhook-secret"));
        return "whsec_" + Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.US_ASCII));
    }
}
