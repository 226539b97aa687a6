package io.signet.client.validation;

import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.enumerations.Level;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.policy.EtsiValidationPolicy;
import eu.europa.esig.dss.policy.EtsiValidationPolicyFactory;
import eu.europa.esig.dss.policy.jaxb.LevelConstraint;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.client.http.NativeHTTPDataLoader;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.aia.DefaultAIASource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;

/**
 * Validates a detached CMS signature with the EU DSS library against Signet's root as the only trust anchor, with
 * revocation data fetched online from the OCSP responder and CRL the certificates name (Signet's cert-worker).
 * Thread-safe: every call builds its own DSS validator.
 */
public final class SignatureValidator {

    private final List<X509Certificate> roots;

    /** @param roots the trust anchors (Signet's root); see {@link TrustAnchors} */
    public SignatureValidator(List<X509Certificate> roots) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("no trust anchor: the CA certificates contain no self-signed root");
        }
        this.roots = List.copyOf(roots);
    }

    /** Validates a detached CAdES signature over {@code content} (the whole document). */
    public ValidationReport validateCades(byte[] cms, DSSDocument content) {
        return validate(cms, content, false);
    }

    /**
     * Validates the CMS of a PDF signature over {@code signedBytes}, the PDF's byte range. PAdES puts the claimed
     * signing time in the dictionary's M entry, not in the CMS, so DSS's CAdES rule that signing-time be present is
     * lowered to a warning here; everything else is DSS's default policy.
     */
    public ValidationReport validatePdfCms(byte[] cms, byte[] signedBytes) {
        return validate(cms, new InMemoryDocument(signedBytes), true);
    }

    private ValidationReport validate(byte[] cms, DSSDocument content, boolean pdf) {
        requireCms(cms);
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        roots.forEach(root -> trusted.addCertificate(DSSUtils.loadCertificate(encoded(root))));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        verifier.setOcspSource(new OnlineOcspSource());
        verifier.setCrlSource(new OnlineCrlSource());
        verifier.setAIASource(new DefaultAIASource(new NativeHTTPDataLoader()));

        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(cms));
        validator.setCertificateVerifier(verifier);
        validator.setDetachedContents(List.of(content));
        Reports reports = pdf ? validator.validateDocument(pdfPolicy()) : validator.validateDocument();

        SimpleReport simple = reports.getSimpleReport();
        String id = simple.getFirstSignatureId();
        if (id == null) {
            throw new NotCmsException("the CMS holds no signature");
        }
        SignatureWrapper signature = reports.getDiagnosticData().getSignatureById(id);
        boolean intact = signature.getDigestMatchers().stream().allMatch(m -> m.isDataFound() && m.isDataIntact());
        return new ValidationReport(
                simple.getIndication(id).name(),
                simple.getSubIndication(id) == null
                        ? null
                        : simple.getSubIndication(id).name(),
                simple.getSignatureFormat(id) == null
                        ? null
                        : simple.getSignatureFormat(id).toString(),
                simple.getSignedBy(id),
                simple.getBestSignatureTime(id) == null
                        ? null
                        : simple.getBestSignatureTime(id).toInstant(),
                intact,
                simple.getAdESValidationErrors(id).stream()
                        .map(m -> m.getValue())
                        .toList());
    }

    private static EtsiValidationPolicy pdfPolicy() {
        EtsiValidationPolicy policy =
                (EtsiValidationPolicy) new EtsiValidationPolicyFactory().loadDefaultValidationPolicy();
        LevelConstraint warn = new LevelConstraint();
        warn.setLevel(Level.WARN);
        policy.getSignatureConstraints().getSignedAttributes().setSigningTime(warn);
        return policy;
    }

    /** Throws {@link NotCmsException} unless {@code bytes} parse as a CMS SignedData. */
    public static void requireCms(byte[] bytes) {
        try {
            new CMSSignedData(bytes);
        } catch (CMSException | RuntimeException e) {
            throw new NotCmsException("the signature is not a CMS (PKCS#7) SignedData");
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalArgumentException("unreadable trust anchor", e);
        }
    }
}
