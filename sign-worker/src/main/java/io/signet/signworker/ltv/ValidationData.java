package io.signet.signworker.ltv;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.CertificateList;

/**
 * What goes into SignedData besides the signer: certificates (the signer's chain always; for B-LT also the root,
 * the TSA's chain and the OCSP responders) and revocation data (B-LT only), so that a validator needs nothing
 * online. Duplicates are dropped, order is kept. Immutable.
 *
 * @param certificates X.509 certificates for SignedData.certificates
 * @param ocspResponses OCSP responses, embedded as id-ri-ocsp-response OtherRevocationInfoFormat (RFC 5940)
 * @param crls CRLs, embedded as plain CertificateList entries of SignedData.crls
 */
public record ValidationData(
        List<Certificate> certificates, List<OCSPResponse> ocspResponses, List<CertificateList> crls) {

    public ValidationData {
        certificates = distinct(certificates);
        ocspResponses = distinct(ocspResponses);
        crls = distinct(crls);
    }

    /** Certificates only (B-B and B-T). */
    public static ValidationData certificates(List<Certificate> certificates) {
        return new ValidationData(certificates, List.of(), List.of());
    }

    /** This data plus {@code other}'s. */
    public ValidationData plus(ValidationData other) {
        return new ValidationData(
                concat(certificates, other.certificates),
                concat(ocspResponses, other.ocspResponses),
                concat(crls, other.crls));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return all;
    }

    // ASN.1 objects compare by their encoding, so equal certificates from two sources collapse into one.
    private static <T> List<T> distinct(List<T> values) {
        Map<T, Boolean> seen = new LinkedHashMap<>();
        for (T value : values) {
            seen.putIfAbsent(value, Boolean.TRUE);
        }
        return List.copyOf(seen.keySet());
    }
}
