package io.signet.client.pdf;

import io.signet.client.sign.HashType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Calendar;
import java.util.function.Function;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;

/**
 * Signs a PDF with a CMS made elsewhere (PAdES baseline, SubFilter ETSI.CAdES.detached): adds an invisible signature
 * field and dictionary in an incremental update, digests the byte range (everything but the reserved Contents), asks
 * for the CMS over that digest, and writes it into the reserved space. The signing time claimed is the dictionary's
 * M entry, as PAdES wants (the CMS carries no signing-time). Stateless.
 */
public final class PdfSigner {

    /** Room for the DER CMS: a B-LT CMS carries the chain, OCSP responses and a time-stamp token. */
    static final int RESERVED_CMS_BYTES = 48 * 1024;

    static final COSName ETSI_CADES_DETACHED = COSName.getPDFName("ETSI.CAdES.detached");

    private PdfSigner() {}

    /**
     * Writes {@code target}: {@code source} plus a signature whose CMS {@code cmsForDigest} returns for the byte-range
     * digest computed with {@code hashType}.
     */
    public static void sign(
            Path source, Path target, HashType hashType, String reason, Function<byte[], byte[]> cmsForDigest)
            throws IOException {
        Path partial = Files.createTempFile(target.toAbsolutePath().getParent(), ".signet-", ".pdf");
        try {
            try (PDDocument document = Loader.loadPDF(source.toFile());
                    OutputStream out = Files.newOutputStream(partial)) {
                PDSignature signature = new PDSignature();
                signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
                signature.setSubFilter(ETSI_CADES_DETACHED);
                signature.setSignDate(Calendar.getInstance());
                signature.setReason(reason);
                SignatureOptions options = new SignatureOptions();
                options.setPreferredSignatureSize(RESERVED_CMS_BYTES);
                document.addSignature(signature, options);
                ExternalSigningSupport external = document.saveIncrementalForExternalSigning(out);
                byte[] digest = digest(external.getContent(), hashType);
                byte[] cms = cmsForDigest.apply(digest);
                if (cms.length > RESERVED_CMS_BYTES) {
                    throw new IOException("the CMS (" + cms.length + " bytes) is larger than the space reserved ("
                            + RESERVED_CMS_BYTES + ")");
                }
                external.setSignature(cms);
                options.close();
            }
            Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static byte[] digest(InputStream content, HashType hashType) throws IOException {
        MessageDigest digest = hashType.newDigest();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = content.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
        }
        return digest.digest();
    }
}
