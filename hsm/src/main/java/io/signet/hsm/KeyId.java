package io.signet.hsm;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/** The CKA_ID of a key pair (shared by its private and public object). Not secret. */
public record KeyId(byte[] value) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public KeyId {
        value = value.clone();
    }

    /** A fresh random 16-byte id. */
    public static KeyId random() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return new KeyId(id);
    }

    public static KeyId ofHex(String hex) {
        return new KeyId(HexFormat.of().parseHex(hex));
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public String hex() {
        return HexFormat.of().formatHex(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyId that && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return hex();
    }
}
