package io.signet.client.validation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Gathers what a B-LT PDF carries in its DSS: every certificate of the CMS and of its signature time-stamp, the
 * roots, and fresh OCSP responses and CRLs for each non-root certificate from the URLs it names (Signet's
 * cert-worker). Stateless.
 */
public final class ValidationDataFetcher {

    /**
     * @param certificates DER certificates
     * @param ocspResponses DER OCSPResponse
     * @param crls DER CRLs
     */
    public record ValidationData(List<byte[]> certificates, List<byte[]> ocspResponses, List<byte[]> crls) {}

    private ValidationDataFetcher() {}

    public static ValidationData fetch(byte[] cms, List<X509Certificate> roots) throws IOException {
        Map<String, X509Certificate> certificates = new LinkedHashMap<>();
        try {
            CMSSignedData signed = new CMSSignedData(cms);
            collect(signed, certificates);
            for (SignerInformation signer : signed.getSignerInfos()) {
                AttributeTable unsigned = signer.getUnsignedAttributes();
                if (unsigned != null && unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken) != null) {
                    byte[] token = unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken)
                            .getAttrValues()
                            .getObjectAt(0)
                            .toASN1Primitive()
                            .getEncoded();
                    collect(new CMSSignedData(token), certificates);
                }
            }
        } catch (CMSException e) {
            throw new NotCmsException("the signature is not a CMS (PKCS#7) SignedData");
        }
        roots.forEach(root -> certificates.put(root.getSubjectX500Principal() + "#" + root.getSerialNumber(), root));

        List<byte[]> ders = new ArrayList<>();
        List<byte[]> ocsps = new ArrayList<>();
        List<byte[]> crls = new ArrayList<>();
        for (X509Certificate certificate : certificates.values()) {
            ders.add(encoded(certificate));
            if (roots.contains(certificate)) {
                continue;
            }
            X509Certificate issuer = issuerOf(certificate, certificates.values());
            if (issuer != null) {
                byte[] ocsp = ocsp(certificate, issuer);
                if (ocsp != null) {
                    ocsps.add(ocsp);
                }
            }
            for (String url : CertificateUrls.crl(certificate)) {
                byte[] crl = Http.get(URI.create(url));
                if (crls.stream().noneMatch(c -> java.util.Arrays.equals(c, crl))) {
                    crls.add(crl);
                }
                break;
            }
        }
        return new ValidationData(ders, ocsps, crls);
    }

    private static void collect(CMSSignedData signed, Map<String, X509Certificate> into) {
        for (X509CertificateHolder holder : signed.getCertificates().getMatches(null)) {
            X509Certificate certificate = certificate(holder);
            into.putIfAbsent(certificate.getSubjectX500Principal() + "#" + certificate.getSerialNumber(), certificate);
        }
    }

    private static X509Certificate issuerOf(X509Certificate certificate, Iterable<X509Certificate> candidates) {
        for (X509Certificate candidate : candidates) {
            if (candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                try {
                    certificate.verify(candidate.getPublicKey());
                    return candidate;
                } catch (java.security.GeneralSecurityException e) {
                    // Same name, other key: keep looking.
                }
            }
        }
        return null;
    }

    private static byte[] ocsp(X509Certificate certificate, X509Certificate issuer) {
        for (String url : CertificateUrls.ocsp(certificate)) {
            try {
                CertificateID id = new CertificateID(
                        new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                        new JcaX509CertificateHolder(issuer),
                        certificate.getSerialNumber());
                byte[] request = new OCSPReqBuilder().addRequest(id).build().getEncoded();
                byte[] answer = Http.post(URI.create(url), "application/ocsp-request", request);
                if (new OCSPResp(answer).getStatus() == OCSPResp.SUCCESSFUL) {
                    return answer;
                }
            } catch (Exception e) {
                // This responder gave nothing usable; the CRL is the fallback.
            }
        }
        return null;
    }

    private static X509Certificate certificate(X509CertificateHolder holder) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
        } catch (CertificateException | IOException e) {
            throw new IllegalArgumentException("unreadable certificate in the CMS", e);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalArgumentException("unreadable certificate", e);
        }
    }
}
