package io.signet.notifier.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs callbacks per Standard Webhooks: {@code webhook-signature: v1,<base64 HMAC-SHA256(key, id.timestamp.payload)>}
 * where the key is the base64 part of a {@code whsec_} secret. Stateless, thread-safe.
 */
public final class WebhookSigner {

    private static final String SECRET_PREFIX = "whsec_";

    private WebhookSigner() {}

    /** The {@code webhook-signature} header value for one attempt. */
    public static String sign(String secret, String webhookId, long timestampSeconds, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            byte[] signed =
                    mac.doFinal((webhookId + "." + timestampSeconds + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static byte[] key(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        try {
            byte[] key = Base64.getDecoder().decode(encoded);
            if (key.length < 16) {
                throw new IllegalArgumentException("webhook secret is shorter than 16 bytes");
            }
            return key;
        } catch (IllegalArgumentException e) {
            // Never echo the secret.
            throw new IllegalArgumentException("webhook secret is not whsec_ followed by base64 of at least 16 bytes");
        }
    }
}
