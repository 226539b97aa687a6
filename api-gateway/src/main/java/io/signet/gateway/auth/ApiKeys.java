package io.signet.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** RP API keys: generation and the SHA-256 under which they are stored. Thread-safe. */
public final class ApiKeys {

    /** Makes keys recognisable in secret scanners and logs-to-be-scrubbed. */
    public static final String PREFIX = "sgk_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {}

    /** A new key with 256 bits of randomness. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** SHA-256 of the key's UTF-8 bytes: what {@code gateway.rp_client.key_hash} stores. */
    public static byte[] hash(String apiKey) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
