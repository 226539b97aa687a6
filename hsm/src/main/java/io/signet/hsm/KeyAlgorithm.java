package io.signet.hsm;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;

/** Key pair types the library generates in the HSM. */
public enum KeyAlgorithm {
    EC_P256(KeyFamily.EC, SECObjectIdentifiers.secp256r1, 256),
    EC_P384(KeyFamily.EC, SECObjectIdentifiers.secp384r1, 384),
    RSA_3072(KeyFamily.RSA, null, 3072);

    /** Which signature mechanisms a key can be used with. */
    public enum KeyFamily {
        EC,
        RSA
    }

    private final KeyFamily family;
    private final ASN1ObjectIdentifier curve;
    private final int bits;

    KeyAlgorithm(KeyFamily family, ASN1ObjectIdentifier curve, int bits) {
        this.family = family;
        this.curve = curve;
        this.bits = bits;
    }

    public KeyFamily family() {
        return family;
    }

    /** The named curve of an EC key; null for RSA. */
    public ASN1ObjectIdentifier curve() {
        return curve;
    }

    /** Field size of the curve (EC) or modulus length (RSA), in bits. */
    public int bits() {
        return bits;
    }

    /** The JCA key algorithm name ("EC" or "RSA"). */
    public String jcaName() {
        return family.name();
    }
}
