package io.signet.hsm;

import io.signet.hsm.KeyAlgorithm.KeyFamily;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Signature schemes over a precomputed digest, with their JCA names and X.509/CMS algorithm identifiers.
 *
 * <p>ECDSA values are DER SEQUENCE{r, s}; RSA PKCS#1 v1.5 and RSASSA-PSS (MGF1 with the same hash, salt length =
 * digest length, trailer field 1) as in RFC 4055 / RFC 8017.
 */
public enum SignatureAlgorithm {
    ECDSA_SHA256(Scheme.ECDSA, DigestAlgorithm.SHA256, "SHA256withECDSA", X9ObjectIdentifiers.ecdsa_with_SHA256),
    ECDSA_SHA384(Scheme.ECDSA, DigestAlgorithm.SHA384, "SHA384withECDSA", X9ObjectIdentifiers.ecdsa_with_SHA384),
    ECDSA_SHA512(Scheme.ECDSA, DigestAlgorithm.SHA512, "SHA512withECDSA", X9ObjectIdentifiers.ecdsa_with_SHA512),
    ECDSA_SHA3_256(
            Scheme.ECDSA, DigestAlgorithm.SHA3_256, "SHA3-256withECDSA", NISTObjectIdentifiers.id_ecdsa_with_sha3_256),
    ECDSA_SHA3_384(
            Scheme.ECDSA, DigestAlgorithm.SHA3_384, "SHA3-384withECDSA", NISTObjectIdentifiers.id_ecdsa_with_sha3_384),
    ECDSA_SHA3_512(
            Scheme.ECDSA, DigestAlgorithm.SHA3_512, "SHA3-512withECDSA", NISTObjectIdentifiers.id_ecdsa_with_sha3_512),
    RSA_PKCS1_SHA256(
            Scheme.RSA_PKCS1, DigestAlgorithm.SHA256, "SHA256withRSA", PKCSObjectIdentifiers.sha256WithRSAEncryption),
    RSA_PKCS1_SHA384(
            Scheme.RSA_PKCS1, DigestAlgorithm.SHA384, "SHA384withRSA", PKCSObjectIdentifiers.sha384WithRSAEncryption),
    RSA_PKCS1_SHA512(
            Scheme.RSA_PKCS1, DigestAlgorithm.SHA512, "SHA512withRSA", PKCSObjectIdentifiers.sha512WithRSAEncryption),
    RSA_PKCS1_SHA3_256(
            Scheme.RSA_PKCS1,
            DigestAlgorithm.SHA3_256,
            "SHA3-256withRSA",
            NISTObjectIdentifiers.id_rsassa_pkcs1_v1_5_with_sha3_256),
    RSA_PKCS1_SHA3_384(
            Scheme.RSA_PKCS1,
            DigestAlgorithm.SHA3_384,
            "SHA3-384withRSA",
            NISTObjectIdentifiers.id_rsassa_pkcs1_v1_5_with_sha3_384),
    RSA_PKCS1_SHA3_512(
            Scheme.RSA_PKCS1,
            DigestAlgorithm.SHA3_512,
            "SHA3-512withRSA",
            NISTObjectIdentifiers.id_rsassa_pkcs1_v1_5_with_sha3_512),
    RSA_PSS_SHA256(Scheme.RSA_PSS, DigestAlgorithm.SHA256, "SHA256withRSAandMGF1", PKCSObjectIdentifiers.id_RSASSA_PSS),
    RSA_PSS_SHA384(Scheme.RSA_PSS, DigestAlgorithm.SHA384, "SHA384withRSAandMGF1", PKCSObjectIdentifiers.id_RSASSA_PSS),
    RSA_PSS_SHA512(Scheme.RSA_PSS, DigestAlgorithm.SHA512, "SHA512withRSAandMGF1", PKCSObjectIdentifiers.id_RSASSA_PSS);

    /** How the HSM is asked to sign. */
    public enum Scheme {
        /** CKM_ECDSA over the digest; the raw r||s is re-encoded as DER. */
        ECDSA,
        /** CKM_RSA_PKCS over a DER DigestInfo built in software. */
        RSA_PKCS1,
        /** CKM_RSA_PKCS_PSS over the digest, with MGF1 of the same hash and salt length = digest length. */
        RSA_PSS
    }

    private final Scheme scheme;
    private final DigestAlgorithm digest;
    private final String jcaName;
    private final ASN1ObjectIdentifier oid;

    SignatureAlgorithm(Scheme scheme, DigestAlgorithm digest, String jcaName, ASN1ObjectIdentifier oid) {
        this.scheme = scheme;
        this.digest = digest;
        this.jcaName = jcaName;
        this.oid = oid;
    }

    public Scheme scheme() {
        return scheme;
    }

    public DigestAlgorithm digest() {
        return digest;
    }

    /**
     * The JCA Signature name. For PSS it is BouncyCastle's "SHA256withRSAandMGF1"; with the JDK provider use
     * "RSASSA-PSS" with {@link #algorithmIdentifier()}'s parameters.
     */
    public String jcaName() {
        return jcaName;
    }

    /** The signature algorithm OID (for PSS: id-RSASSA-PSS, the hash is in the parameters). */
    public ASN1ObjectIdentifier oid() {
        return oid;
    }

    /** The key family this scheme needs. */
    public KeyFamily keyFamily() {
        return scheme == Scheme.ECDSA ? KeyFamily.EC : KeyFamily.RSA;
    }

    /** The AlgorithmIdentifier for X.509 and CMS: no parameters for ECDSA, NULL for PKCS#1, RSASSA-PSS-params. */
    public AlgorithmIdentifier algorithmIdentifier() {
        return switch (scheme) {
            case ECDSA -> new AlgorithmIdentifier(oid);
            case RSA_PKCS1 -> new AlgorithmIdentifier(oid, DERNull.INSTANCE);
            case RSA_PSS -> new AlgorithmIdentifier(oid, pssParameters());
        };
    }

    /** The algorithm whose AlgorithmIdentifier equals the given one, if any. */
    public static Optional<SignatureAlgorithm> fromAlgorithmIdentifier(AlgorithmIdentifier identifier) {
        return Arrays.stream(values())
                .filter(a -> a.algorithmIdentifier().equals(identifier))
                .findFirst();
    }

    /** The ECDSA algorithm with this signature algorithm OID, if any. */
    public static Optional<SignatureAlgorithm> ecdsa(ASN1ObjectIdentifier oid) {
        return Arrays.stream(values())
                .filter(a -> a.scheme == Scheme.ECDSA && a.oid.equals(oid))
                .findFirst();
    }

    private RSASSAPSSparams pssParameters() {
        AlgorithmIdentifier hash = new AlgorithmIdentifier(digest.oid(), DERNull.INSTANCE);
        return new RSASSAPSSparams(
                hash,
                new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1, hash),
                new ASN1Integer(digest.length()),
                RSASSAPSSparams.DEFAULT_TRAILER_FIELD);
    }
}
