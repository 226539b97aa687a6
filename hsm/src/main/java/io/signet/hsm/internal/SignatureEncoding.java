package io.signet.hsm.internal;

import io.signet.hsm.DigestAlgorithm;
import io.signet.hsm.HsmErrorCode;
import io.signet.hsm.HsmException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;

/** Converts between what PKCS#11 mechanisms take or give and what X.509/CMS expect. Stateless. */
public final class SignatureEncoding {

    private SignatureEncoding() {}

    /** CKM_ECDSA gives r||s, each half the length; X.509 and CMS want DER SEQUENCE{INTEGER r, INTEGER s}. */
    public static byte[] ecdsaPlainToDer(byte[] plain) {
        if (plain.length == 0 || plain.length % 2 != 0) {
            throw new HsmException(HsmErrorCode.OPERATION_FAILED, "unexpected ECDSA signature length " + plain.length);
        }
        int half = plain.length / 2;
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(plain, 0, half));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(plain, half, plain.length));
        try {
            return new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)})
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The r||s that CKM_ECDSA verifies, each half {@code fieldBytes} long, from a DER SEQUENCE{r, s}; null unless the
     * input is exactly that in DER (no trailing bytes, no other encoding) with 0 < r, s < 2^(8 fieldBytes): the
     * strictness of a software verifier, so a malleable encoding is refused rather than passed to the token.
     */
    public static byte[] ecdsaDerToPlain(byte[] der, int fieldBytes) {
        BigInteger r;
        BigInteger s;
        try {
            ASN1Sequence sequence = ASN1Sequence.getInstance(der);
            if (sequence.size() != 2) {
                return null;
            }
            r = ASN1Integer.getInstance(sequence.getObjectAt(0)).getValue();
            s = ASN1Integer.getInstance(sequence.getObjectAt(1)).getValue();
            if (!Arrays.equals(der, sequence.getEncoded(ASN1Encoding.DER))) {
                return null;
            }
        } catch (IllegalArgumentException | IOException e) {
            return null;
        }
        byte[] plain = new byte[2 * fieldBytes];
        return fill(plain, 0, r, fieldBytes) && fill(plain, fieldBytes, s, fieldBytes) ? plain : null;
    }

    private static boolean fill(byte[] plain, int offset, BigInteger value, int fieldBytes) {
        if (value.signum() <= 0 || value.bitLength() > 8 * fieldBytes) {
            return false;
        }
        byte[] bytes = value.toByteArray(); // big-endian, perhaps with a leading zero byte for the sign
        int length = Math.min(bytes.length, fieldBytes);
        System.arraycopy(bytes, bytes.length - length, plain, offset + fieldBytes - length, length);
        return true;
    }

    /** The DER DigestInfo that RSA PKCS#1 v1.5 signs (RFC 8017, 9.2), with NULL hash parameters. */
    public static byte[] digestInfo(DigestAlgorithm algorithm, byte[] digest) {
        try {
            return new DigestInfo(new AlgorithmIdentifier(algorithm.oid(), DERNull.INSTANCE), digest)
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
