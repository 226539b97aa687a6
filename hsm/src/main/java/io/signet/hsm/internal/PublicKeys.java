package io.signet.hsm.internal;

import io.signet.hsm.HsmErrorCode;
import io.signet.hsm.HsmException;
import io.signet.hsm.KeyAlgorithm;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** Builds JCA public keys from PKCS#11 attribute values. Stateless. */
public final class PublicKeys {

    private PublicKeys() {}

    /**
     * An EC public key from CKA_EC_POINT. Modules differ: some return the uncompressed point, others the point wrapped
     * in a DER OCTET STRING (as the standard says), so both are accepted.
     */
    public static PublicKey ec(KeyAlgorithm algorithm, byte[] ecPoint) {
        int fieldBytes = (algorithm.bits() + 7) / 8;
        byte[] point = ecPoint;
        if (point.length != 2 * fieldBytes + 1) {
            point = ASN1OctetString.getInstance(ecPoint).getOctets();
        }
        if (point.length != 2 * fieldBytes + 1 || point[0] != 0x04) {
            throw new HsmException(
                    HsmErrorCode.OPERATION_FAILED,
                    "unexpected CKA_EC_POINT for " + algorithm + " (" + ecPoint.length + " bytes)");
        }
        try {
            SubjectPublicKeyInfo info = new SubjectPublicKeyInfo(
                    new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, algorithm.curve()), point);
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(info.getEncoded()));
        } catch (IOException | GeneralSecurityException e) {
            throw new HsmException(HsmErrorCode.OPERATION_FAILED, "cannot decode EC public key of " + algorithm, e);
        }
    }

    public static PublicKey rsa(BigInteger modulus, BigInteger publicExponent) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, publicExponent));
        } catch (GeneralSecurityException e) {
            throw new HsmException(HsmErrorCode.OPERATION_FAILED, "cannot decode RSA public key", e);
        }
    }

    /** An EC public key as PKCS#11 takes it: the curve it is on and its uncompressed point (0x04 || x || y). */
    public record EcPoint(KeyAlgorithm algorithm, byte[] uncompressed) {}

    /**
     * The curve and point of an EC public key on a curve of {@link KeyAlgorithm}.
     *
     * @throws HsmException INVALID_ARGUMENT for any other key
     */
    public static EcPoint ecPoint(SubjectPublicKeyInfo info) {
        AlgorithmIdentifier id = info.getAlgorithm();
        KeyAlgorithm algorithm = X9ObjectIdentifiers.id_ecPublicKey.equals(id.getAlgorithm())
                        && id.getParameters() instanceof ASN1ObjectIdentifier curve
                ? onCurve(curve)
                : null;
        byte[] point = info.getPublicKeyData().getBytes();
        if (algorithm == null || point.length != 2 * ((algorithm.bits() + 7) / 8) + 1 || point[0] != 0x04) {
            throw new HsmException(HsmErrorCode.INVALID_ARGUMENT, "not an uncompressed EC key on P-256 or P-384");
        }
        return new EcPoint(algorithm, point);
    }

    /** The key algorithm of an EC key from its CKA_EC_PARAMS (named curve OID), or null if not supported. */
    public static KeyAlgorithm ecAlgorithm(byte[] ecParams) {
        ASN1ObjectIdentifier curve;
        try {
            curve = ASN1ObjectIdentifier.getInstance(ecParams);
        } catch (IllegalArgumentException e) {
            return null; // explicit curve parameters: not something this library generates
        }
        return onCurve(curve);
    }

    /** The EC key algorithm on this named curve, or null if not supported. */
    private static KeyAlgorithm onCurve(ASN1ObjectIdentifier curve) {
        return Arrays.stream(KeyAlgorithm.values())
                .filter(a -> curve.equals(a.curve()))
                .findFirst()
                .orElse(null);
    }
}
