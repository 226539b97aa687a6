package io.signet.schemas.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a signer's subject into the pseudonymous signer id of the audit log: lower-case hex HMAC-SHA256 of the
 * subject's UTF-8 bytes under the audit pseudonym key. Without the key the id cannot be linked back to a subject (nor
 * guessed from a list of subjects); with it, an auditor who is told a subject can find that signer's entries.
 * Thread-safe. The key is copied in and never printed.
 */
public final class SignerPseudonyms {

    /** Shortest key accepted, in bytes: the HMAC-SHA256 block strength. */
    public static final int MIN_KEY_LENGTH = 32;

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public SignerPseudonyms(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("the pseudonym key needs at least " + MIN_KEY_LENGTH + " bytes");
        }
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** The pseudonymous id of {@code subject}; null for null. */
    public String pseudonym(String subject) {
        if (subject == null) {
            return null;
        }
        byte[] mac;
        try {
            Mac hmac = Mac.getInstance(ALGORITHM); // a Mac is not thread-safe; creating one is cheap
            hmac.init(key);
            mac = hmac.doFinal(subject.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
        String id = HexFormat.of().formatHex(mac);
        Arrays.fill(mac, (byte) 0);
        return id;
    }

    @Override
    public String toString() {
        return "SignerPseudonyms[key=<hidden>]";
    }
}
