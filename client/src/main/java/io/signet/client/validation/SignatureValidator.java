package io.signet.client.validation;

import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
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
 * Validates detached CAdES signatures and signed PDFs (PAdES) with the EU DSS library against Signet's root as the only trust anchor, with
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
        requireCms(cms);
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(cms));
        validator.setDetachedContents(List.of(content));
        List<ValidationReport> reports = validate(validator);
        if (reports.isEmpty()) {
            throw new NotCmsException("the CMS holds no signature");
        }
        return reports.getFirst();
    }

    /**
     * Validates every signature of a signed PDF with DSS's PDF validator (PAdES: the CMS over the byte range, the
     * claimed signing time in the signature dictionary, validation data from the Document Security Store), one
     * report per signature in document order; empty if the PDF has none.
     */
    public List<ValidationReport> validatePdf(DSSDocument pdf) {
        return validate(SignedDocumentValidator.fromDocument(pdf));
    }

    /**
     * DSS's certificate verifier for Signet: the roots as the only trust anchors, OCSP and CRL fetched online from
     * the URLs the certificates name, issuers from their AIA. Also what extends a PDF to B-LT.
     */
    public CommonCertificateVerifier certificateVerifier() {
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        roots.forEach(root -> trusted.addCertificate(DSSUtils.loadCertificate(encoded(root))));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        verifier.setOcspSource(new OnlineOcspSource());
        verifier.setCrlSource(new OnlineCrlSource());
        verifier.setAIASource(new DefaultAIASource(new NativeHTTPDataLoader()));
        return verifier;
    }

    private List<ValidationReport> validate(SignedDocumentValidator validator) {
        validator.setCertificateVerifier(certificateVerifier());
        Reports reports = validator.validateDocument();
        SimpleReport simple = reports.getSimpleReport();
        return simple.getSignatureIdList().stream()
                .map(id -> report(simple, reports.getDiagnosticData().getSignatureById(id), id))
                .toList();
    }

    private static ValidationReport report(SimpleReport simple, SignatureWrapper signature, String id) {
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
                signature.getClaimedSigningTime() == null
                        ? null
                        : signature.getClaimedSigningTime().toInstant(),
                simple.getBestSignatureTime(id) == null
                        ? null
                        : simple.getBestSignatureTime(id).toInstant(),
                intact,
                simple.getAdESValidationErrors(id).stream()
                        .map(m -> m.getValue())
                        .toList());
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
