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
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            // The decoder's message quotes the offending character; say less.
            throw new IllegalArgumentException("value is not standard base64");
        }
        if (decoded.length == 0) {
            throw new IllegalArgumentException("value is empty");
        }
        if (!Base64.getEncoder().encodeToString(decoded).equals(base64)) {
            throw new IllegalArgumentException("value is not canonical padded standard base64");
        }
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
