package io.signet.client.pdf;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.DSSMessageDigest;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.pades.signature.PAdESWithExternalCMSService;
import eu.europa.esig.dss.spi.validation.CertificateVerifier;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import io.signet.client.sign.HashType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Date;
import java.util.function.Function;

/**
 * Signs a PDF with a CMS made elsewhere, with EU DSS's PAdES support over PDFBox: DSS adds an invisible signature
 * field and dictionary (SubFilter ETSI.CAdES.detached, the claimed signing time in M, as PAdES wants: the CMS carries
 * no signing-time), gives the digest of the byte range, and embeds the CMS returned for it; for B-LT it then adds the
 * Document Security Store (certificates, OCSP responses, CRLs) in an incremental update. Stateless.
 */
public final class PdfSigner {

    /** Room for the DER CMS: a B-LT CMS carries the chain, revocation data and a time-stamp token. */
    static final int RESERVED_CMS_BYTES = 48 * 1024;

    private PdfSigner() {}

    /**
     * Writes {@code target}: {@code source} plus a PAdES signature whose CMS {@code cmsForDigest} returns for the
     * byte-range digest computed with {@code hashType}. DSS checks that the CMS signs that digest before embedding it.
     */
    public static void sign(
            Path source, Path target, HashType hashType, String reason, Function<byte[], byte[]> cmsForDigest)
            throws IOException {
        PAdESSignatureParameters parameters = new PAdESSignatureParameters();
        parameters.setSignatureLevel(SignatureLevel.PAdES_BASELINE_B);
        parameters.setDigestAlgorithm(DigestAlgorithm.valueOf(hashType.dssName()));
        parameters.setReason(reason);
        parameters.setContentSize(RESERVED_CMS_BYTES);
        // The same parameters (and so the same signing date and document id) for the digest and the embedding.
        parameters.bLevel().setSigningDate(new Date());

        PAdESWithExternalCMSService service = new PAdESWithExternalCMSService();
        DSSDocument document = new FileDocument(source.toFile());
        DSSMessageDigest digest = service.getMessageDigest(document, parameters);
        byte[] cms = cmsForDigest.apply(digest.getValue());
        if (cms.length > RESERVED_CMS_BYTES) {
            throw new IOException("the CMS (" + cms.length + " bytes) is larger than the space reserved ("
                    + RESERVED_CMS_BYTES + ")");
        }
        save(service.signDocument(document, parameters, new InMemoryDocument(cms)), target);
    }

    /**
     * Extends every signature of {@code pdf} to PAdES-BASELINE-LT, in place: DSS fetches the certificates, OCSP
     * responses and CRLs through {@code verifier} (online, from Signet) and stores them in the PDF's DSS dictionary,
     * so validators need Signet's responders no longer. The signed revisions are left untouched.
     */
    public static void extendToLongTerm(Path pdf, CertificateVerifier verifier) throws IOException {
        PAdESSignatureParameters parameters = new PAdESSignatureParameters();
        parameters.setSignatureLevel(SignatureLevel.PAdES_BASELINE_LT);
        PAdESService service = new PAdESService(verifier);
        // DSS wants a time-stamp source for any extension past B-B; Signet's B-LT CMS already carries its signature
        // time-stamp, so none is ever needed here, and a signature without one is refused rather than stamped anew.
        service.setTspSource((TSPSource) (algorithm, digest) -> {
            throw new IllegalArgumentException(
                    "the signature has no time-stamp: sign at level B-LT, not B-B, to extend" + " it to B-LT");
        });
        save(service.extendDocument(new FileDocument(pdf.toFile()), parameters), pdf);
    }

    /** Through a temporary file beside {@code target}, so a failure leaves no half-written PDF. */
    private static void save(DSSDocument document, Path target) throws IOException {
        Path partial = Files.createTempFile(target.toAbsolutePath().getParent(), ".signet-", ".pdf");
        try {
            try (OutputStream out = Files.newOutputStream(partial)) {
                document.writeTo(out);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
