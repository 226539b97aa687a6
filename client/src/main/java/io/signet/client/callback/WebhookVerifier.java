package io.signet.client.callback;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a Standard Webhooks signature as Signet's notifier sends it: {@code webhook-signature} holds one or more
 * space-separated {@code v1,<base64 HMAC-SHA256(key, id + "." + timestamp + "." + payload)>}, the key is the base64
 * after {@code whsec_}, and the payload is the body of a POST or the raw query of a GET callback. A timestamp further
 * than the tolerance from now is refused, so a captured callback cannot be replayed later. Immutable, thread-safe.
 */
public final class WebhookVerifier {

    private static final String SECRET_PREFIX = "whsec_";

    private final byte[] key;
    private final Duration tolerance;
    private final Clock clock;

    /** A verifier with the customary 5 minutes' tolerance. */
    public WebhookVerifier(String secret) {
        this(secret, Duration.ofMinutes(5), Clock.systemUTC());
    }

    public WebhookVerifier(String secret, Duration tolerance, Clock clock) {
        this.key = decode(secret);
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /**
     * Returns normally if the headers sign {@code payload}; throws {@link WebhookVerificationException} with the
     * reason otherwise.
     */
    public void verify(String webhookId, String timestamp, String signatureHeader, String payload) {
        if (webhookId == null || timestamp == null || signatureHeader == null) {
            throw new WebhookVerificationException("missing webhook-id, webhook-timestamp or webhook-signature");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw new WebhookVerificationException("webhook-timestamp is not a number of seconds");
        }
        Instant sent = Instant.ofEpochSecond(seconds);
        Instant now = clock.instant();
        if (sent.isBefore(now.minus(tolerance)) || sent.isAfter(now.plus(tolerance))) {
            throw new WebhookVerificationException("webhook-timestamp is outside the " + tolerance.toSeconds()
                    + " s tolerance (stale or replayed callback)");
        }
        byte[] expected = hmac(webhookId + "." + seconds + "." + (payload == null ? "" : payload));
        for (String candidate : signatureHeader.strip().split(" +")) {
            if (candidate.startsWith("v1,") && matches(expected, candidate.substring(3))) {
                return;
            }
        }
        throw new WebhookVerificationException("webhook-signature does not match");
    }

    private static boolean matches(byte[] expected, String base64) {
        try {
            // Constant-time: the comparison must not tell an attacker how many bytes were right.
            return MessageDigest.isEqual(expected, Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private byte[] hmac(String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static byte[] decode(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            // Never echo the secret.
            throw new IllegalArgumentException("webhook secret is not whsec_ followed by base64");
        }
        if (key.length < 16) {
            Arrays.fill(key, (byte) 0);
            throw new IllegalArgumentException("webhook secret is shorter than 16 bytes");
        }
        return key;
    }
}
