package io.signet.signworker.testing;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DigestDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import java.util.Base64;
import java.util.List;

/**
 * Validates a detached CMS with the EU DSS library. Trust anchor: the given root only. Offline (no OCSP, CRL or AIA
 * fetching), whatever a B-LT signature needs must be inside it; online, revocation data is fetched from the
 * certificates' OCSP responder and CRL distribution point ({@link OnlineRevocation}).
 */
public final class DssValidation {

    private DssValidation() {}

    /**
     * @param digestAlgorithm DSS name of the content digest algorithm, e.g. {@code SHA256}, {@code SHA3_256}
     * @param contentDigest the relying party's hash
     */
    public static Result validate(byte[] cms, String digestAlgorithm, byte[] contentDigest, byte[] rootDer) {
        return validate(cms, digestAlgorithm, contentDigest, rootDer, false);
    }

    public static Result validate(
            byte[] cms, String digestAlgorithm, byte[] contentDigest, byte[] rootDer, boolean online) {
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(DSSUtils.loadCertificate(rootDer));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        verifier.setOcspSource(online ? OnlineRevocation.ocsp() : null);
        verifier.setCrlSource(online ? OnlineRevocation.crl() : null);
        verifier.setAIASource(null);
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(cms));
        validator.setCertificateVerifier(verifier);
        DigestDocument content = new DigestDocument(
                DigestAlgorithm.valueOf(digestAlgorithm), Base64.getEncoder().encodeToString(contentDigest));
        validator.setDetachedContents(List.of(content));
        Reports reports = validator.validateDocument();
        SimpleReport simple = reports.getSimpleReport();
        String id = simple.getFirstSignatureId();
        var signature = reports.getDiagnosticData().getSignatureById(id);
        return new Result(
                simple.getIndication(id),
                simple.getSubIndication(id) == null
                        ? null
                        : simple.getSubIndication(id).name(),
                simple.getSignatureFormat(id),
                signature.isSignatureIntact() && signature.isSignatureValid(),
                errors(reports, id));
    }

    /** The ETSI errors, and for a result short of TOTAL_PASSED each certificate's validity and revocation data. */
    private static List<String> errors(Reports reports, String id) {
        List<String> errors = new java.util.ArrayList<>(reports.getSimpleReport().getAdESValidationErrors(id).stream()
                .map(m -> m.getKey() + ": " + m.getValue())
                .toList());
        if (reports.getSimpleReport().getIndication(id) != Indication.TOTAL_PASSED) {
            for (var certificate : reports.getDiagnosticData().getUsedCertificates()) {
                errors.add("certificate " + certificate.getCommonName() + " notBefore " + certificate.getNotBefore()
                        + " revocation "
                        + certificate.getCertificateRevocationData().stream()
                                .map(r -> r.getRevocationType() + " thisUpdate " + r.getThisUpdate() + " produced "
                                        + r.getProductionDate())
                                .toList());
            }
        }
        return errors;
    }

    /** @param intact the signature value verifies and the message digest matches the content digest */
    public record Result(
            Indication indication, String subIndication, SignatureLevel level, boolean intact, List<String> errors) {}
}
