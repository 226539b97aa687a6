package io.signet.schemas;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Base64;
import java.util.Objects;

/**
 * A non-empty binary value (digest, DER structure, signature value) carried as a JSON string in standard, padded
 * base64 (RFC 4648 section 4; not URL-safe, no line breaks).
 *
 * <p>Only the canonical encoding is accepted, so two equal values always have equal strings and records holding
 * them compare by content (a {@code byte[]} would compare by reference). {@link #toString()} shows the length only,
 * so signature values and certificates never reach a log through an event's {@code toString}.
 *
 * @param base64 the canonical standard base64 text of the bytes
 */
public record Base64Bytes(String base64) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Base64Bytes {
        Objects.requireNonNull(base64, "base64");
        if (base64.isEmpty()) {
            throw new IllegalArgumentException("value is empty");
        }
        // Messages say which rule failed, never which character: the value may be personal data.
        if (!isCanonical(base64)) {
            throw new IllegalArgumentException("value is not canonical padded standard base64");
        }
    }

    /**
     * Whether {@code text} is exactly what the standard encoder writes for some bytes: whole quanta of the RFC 4648
     * alphabet, padding only at the end and only as needed, and the bits the padding leaves over all zero. One pass,
     * without decoding (decoding and encoding again cost several times more for certificates and CMS).
     */
    private static boolean isCanonical(String text) {
        int length = text.length();
        if (length % 4 != 0) {
            return false;
        }
        int padding = text.charAt(length - 1) != '=' ? 0 : text.charAt(length - 2) != '=' ? 1 : 2;
        // Without a branch per character (random base64 defeats branch prediction): any character outside the
        // alphabet makes the accumulator negative, through its table entry or, past 127, through 127 - c.
        int outside = 0;
        for (int i = 0; i < length - padding; i++) {
            char c = text.charAt(i);
            outside |= SEXTETS[c & 0x7F] | (0x7F - c);
        }
        if (outside < 0) {
            return false;
        }
        // One '=' leaves 2 bits of the last character unused, two leave 4.
        int unusedBits = padding == 0 ? 0 : padding == 1 ? 0x3 : 0xF;
        return (sextet(text.charAt(length - padding - 1)) & unusedBits) == 0;
    }

    /** RFC 4648 table 1 by ASCII code: each character's value, -1 for those outside the alphabet. */
    private static final byte[] SEXTETS = new byte[128];

    static {
        java.util.Arrays.fill(SEXTETS, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int value = 0; value < alphabet.length(); value++) {
            SEXTETS[alphabet.charAt(value)] = (byte) value;
        }
    }

    /** The value of {@code c} in the standard base64 alphabet (RFC 4648 table 1), or -1 for any other character. */
    public static int sextet(char c) {
        return c < SEXTETS.length ? SEXTETS[c] : -1;
    }

    /** Wraps a copy of {@code bytes}. */
    public static Base64Bytes of(byte[] bytes) {
        return new Base64Bytes(Base64.getEncoder().encodeToString(bytes));
    }

    /** The base64 text, as written to JSON. */
    @Override
    @JsonValue
    public String base64() {
        return base64;
    }

    /** A fresh copy of the decoded bytes. */
    public byte[] bytes() {
        return Base64.getDecoder().decode(base64);
    }

    /** Number of decoded bytes, computed without decoding. */
    public int length() {
        int padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
        return base64.length() / 4 * 3 - padding;
    }

    @Override
    public String toString() {
        return "Base64Bytes[" + length() + " bytes]";
    }
}
