package io.signet.signworker.raw;

import io.signet.hsm.KeyAlgorithm;
import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;

/**
 * The {@code raw} format: the bare signature value over the relying party's hash. ECDSA is returned as the
 * fixed-length concatenation r||s (as in PKCS#11, JWS and the CSC API) rather than the DER SEQUENCE the HSM library
 * hands out; RSA PKCS#1 v1.5 values are returned unchanged. Stateless.
 */
public final class RawSignature {

    private RawSignature() {}

    /** The raw form of {@code cmsValue}, a signature made by a key of type {@code key}. */
    public static byte[] of(KeyAlgorithm key, byte[] cmsValue) {
        if (key.family() != KeyAlgorithm.KeyFamily.EC) {
            return cmsValue;
        }
        int length = (key.bits() + 7) / 8;
        ASN1Sequence sequence = ASN1Sequence.getInstance(cmsValue);
        byte[] plain = new byte[2 * length];
        put(ASN1Integer.getInstance(sequence.getObjectAt(0)).getValue(), plain, 0, length);
        put(ASN1Integer.getInstance(sequence.getObjectAt(1)).getValue(), plain, length, length);
        return plain;
    }

    private static void put(BigInteger value, byte[] target, int offset, int length) {
        byte[] bytes = value.toByteArray();
        // toByteArray may add a sign byte (one too many) or be shorter (leading zeros dropped).
        int skip = Math.max(0, bytes.length - length);
        int copy = bytes.length - skip;
        if (copy > length) {
            throw new IllegalArgumentException("ECDSA value longer than the curve's field");
        }
        System.arraycopy(bytes, skip, target, offset + length - copy, copy);
    }
}
