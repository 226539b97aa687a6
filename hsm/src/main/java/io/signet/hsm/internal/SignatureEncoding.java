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
