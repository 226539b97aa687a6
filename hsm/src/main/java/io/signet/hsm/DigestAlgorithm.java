package io.signet.hsm;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/** Hash functions a digest to be signed may come from. */
public enum DigestAlgorithm {
    SHA256("SHA-256", NISTObjectIdentifiers.id_sha256, 32),
    SHA384("SHA-384", NISTObjectIdentifiers.id_sha384, 48),
    SHA512("SHA-512", NISTObjectIdentifiers.id_sha512, 64),
    SHA3_256("SHA3-256", NISTObjectIdentifiers.id_sha3_256, 32),
    SHA3_384("SHA3-384", NISTObjectIdentifiers.id_sha3_384, 48),
    SHA3_512("SHA3-512", NISTObjectIdentifiers.id_sha3_512, 64);

    private final String jcaName;
    private final ASN1ObjectIdentifier oid;
    private final int length;

    DigestAlgorithm(String jcaName, ASN1ObjectIdentifier oid, int length) {
        this.jcaName = jcaName;
        this.oid = oid;
        this.length = length;
    }

    /** The JCA MessageDigest name, e.g. "SHA-256". */
    public String jcaName() {
        return jcaName;
    }

    public ASN1ObjectIdentifier oid() {
        return oid;
    }

    /** Digest length in bytes. */
    public int length() {
        return length;
    }

    /**
     * The AlgorithmIdentifier with absent parameters, as RFC 5754 asks for SHA-2 in CMS and as NIST defines for SHA3.
     */
    public AlgorithmIdentifier algorithmIdentifier() {
        return new AlgorithmIdentifier(oid);
    }
}
