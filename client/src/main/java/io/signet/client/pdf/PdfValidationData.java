package io.signet.client.pdf;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Adds a Document Security Store (ISO 32000-2 12.8.4.3, PAdES B-LT) in an incremental update: the certificates,
 * OCSP responses and CRLs a validator needs later, when Signet's responders may be gone. The signed revision is left
 * untouched, so the signature still covers its byte range. Stateless.
 */
public final class PdfValidationData {

    private PdfValidationData() {}

    /**
     * Appends a DSS with {@code certificates}, {@code ocspResponses} (DER OCSPResponse) and {@code crls} (DER) to
     * {@code pdf}, in place.
     */
    public static void addDss(Path pdf, List<byte[]> certificates, List<byte[]> ocspResponses, List<byte[]> crls)
            throws IOException {
        Path partial = Files.createTempFile(pdf.toAbsolutePath().getParent(), ".signet-", ".pdf");
        try {
            try (PDDocument document = Loader.loadPDF(pdf.toFile());
                    OutputStream out = Files.newOutputStream(partial)) {
                COSDictionary catalog = document.getDocumentCatalog().getCOSObject();
                COSDictionary dss = new COSDictionary();
                dss.setItem(COSName.getPDFName("Certs"), streams(document, certificates));
                dss.setItem(COSName.getPDFName("OCSPs"), streams(document, ocspResponses));
                dss.setItem(COSName.getPDFName("CRLs"), streams(document, crls));
                catalog.setItem(COSName.getPDFName("DSS"), dss);
                catalog.setNeedToBeUpdated(true);
                dss.setNeedToBeUpdated(true);
                document.saveIncremental(out, Set.of(catalog, dss));
            }
            Files.move(partial, pdf, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static COSArray streams(PDDocument document, List<byte[]> values) throws IOException {
        COSArray array = new COSArray();
        for (byte[] value : values) {
            COSStream stream = document.getDocument().createCOSStream();
            try (OutputStream out = stream.createOutputStream()) {
                out.write(value);
            }
            stream.setNeedToBeUpdated(true);
            array.add(stream);
        }
        array.setNeedToBeUpdated(true);
        return array;
    }
}
