package io.signet.certworker.ocsp;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Whether an OCSP CertID names the issuing CA (RFC 6960 4.1.1: hashes of its name and key). The hashes for SHA-1 and
 * SHA-256, what clients send, are computed once instead of on every request; other hash algorithms are checked the
 * long way. Thread-safe.
 */
final class IssuerHashes {

    private record Hashes(byte[] name, byte[] key) {}

    private final X509CertificateHolder issuer;
    private final DigestCalculatorProvider digests;
    private final Map<ASN1ObjectIdentifier, Hashes> byAlgorithm;

    IssuerHashes(X509CertificateHolder issuer, DigestCalculatorProvider digests) {
        this.issuer = issuer;
        this.digests = digests;
        this.byAlgorithm = Map.of(
                CertificateID.HASH_SHA1.getAlgorithm(),
                hashes(CertificateID.HASH_SHA1),
                NISTObjectIdentifiers.id_sha256,
                hashes(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE)));
    }

    boolean matches(CertificateID id) {
        Hashes hashes = byAlgorithm.get(id.getHashAlgOID());
        if (hashes == null) {
            try {
                return id.matchesIssuer(issuer, digests);
            } catch (OCSPException e) {
                return false; // a hash algorithm we cannot compute: not a CertID of ours
            }
        }
        return Arrays.equals(hashes.name(), id.getIssuerNameHash())
                && Arrays.equals(hashes.key(), id.getIssuerKeyHash());
    }

    private Hashes hashes(AlgorithmIdentifier algorithm) {
        try {
            // A CertID for any serial carries the issuer's hashes under this algorithm.
            CertificateID template = new CertificateID(digests.get(algorithm), issuer, BigInteger.ONE);
            return new Hashes(template.getIssuerNameHash(), template.getIssuerKeyHash());
        } catch (OCSPException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }
}
