package io.signet.certworker.ca;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

/**
 * Key types the CA uses, each with the one signature algorithm it signs with.
 *
 * <p>The root is P-384 (it signs twice in its life). The issuing CA, TSA and OCSP signer default to P-256: their
 * keys sign every certificate, time-stamp and OCSP response, and P-384 signs about 35 times slower in software
 * (OpenSSL here: ~1,750 vs ~65,000 signs/s per core), far below the 3,000 certificates/s target.
 */
public enum CaKeyType {
    EC_P256("secp256r1", "SHA256withECDSA", "SHA-256"),
    EC_P384("secp384r1", "SHA384withECDSA", "SHA-384");

    private final String curve;
    private final String signatureAlgorithm;
    private final String digestAlgorithm;

    CaKeyType(String curve, String signatureAlgorithm, String digestAlgorithm) {
        this.curve = curve;
        this.signatureAlgorithm = signatureAlgorithm;
        this.digestAlgorithm = digestAlgorithm;
    }

    /** The standard curve name (secp256r1, secp384r1). */
    public String curve() {
        return curve;
    }

    /** The JCA name of the signature algorithm, e.g. {@code SHA256withECDSA}. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** The JCA name of the digest the signature is computed over. */
    public String digestAlgorithm() {
        return digestAlgorithm;
    }

    public AlgorithmIdentifier signatureAlgorithmIdentifier() {
        return new DefaultSignatureAlgorithmIdentifierFinder().find(signatureAlgorithm);
    }
}
