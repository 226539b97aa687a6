package io.signet.signworker.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Calendar;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;

/**
 * A PDF prepared for an external PAdES signature with PDFBox: signature dictionary (ETSI.CAdES.detached), byte range
 * and a reserved /Contents; {@link #content()} is what the signature covers, {@link #embed} writes the CMS in.
 */
public final class PdfSigning implements AutoCloseable {

    private final PDDocument document;
    private final SignatureOptions options = new SignatureOptions();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ExternalSigningSupport external;
    private final byte[] content;

    private PdfSigning(byte[] pdf) throws IOException {
        document = Loader.loadPDF(pdf);
        PDSignature signature = new PDSignature();
        signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
        signature.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
        signature.setName("Signet test signer");
        signature.setSignDate(Calendar.getInstance());
        options.setPreferredSignatureSize(32 * 1024);
        document.addSignature(signature, options);
        external = document.saveIncrementalForExternalSigning(out);
        content = external.getContent().readAllBytes();
    }

    /** A one-page PDF made here, prepared for signing. */
    public static PdfSigning newDocument() {
        try (PDDocument blank = new PDDocument()) {
            blank.addPage(new PDPage());
            ByteArrayOutputStream pdf = new ByteArrayOutputStream();
            blank.save(pdf);
            return new PdfSigning(pdf.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of the byte range: the whole file but the reserved /Contents. */
    public byte[] content() {
        return content.clone();
    }

    /** Writes the DER CMS into /Contents and returns the signed PDF. */
    public byte[] embed(byte[] cms) {
        try {
            external.setSignature(cms);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a validator reads back from a signed PDF: the last signature's byte-range content and its CMS. */
    public static Signed read(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDSignature signature = document.getLastSignatureDictionary();
            int[] range = signature.getByteRange();
            ByteArrayOutputStream signed = new ByteArrayOutputStream();
            signed.write(pdf, range[0], range[1]);
            signed.write(pdf, range[2], range[3]);
            return new Signed(
                    signed.toByteArray(),
                    signature.getContents(),
                    signature.getSubFilter(),
                    range[0] == 0 && (long) range[2] + range[3] == pdf.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param content the signed bytes (byte range)
     * @param contents /Contents: the DER CMS followed by zero padding
     * @param coversWholeFile the byte range starts at 0 and ends at the end of the file
     */
    public record Signed(byte[] content, byte[] contents, String subFilter, boolean coversWholeFile) {}

    @Override
    public void close() {
        try {
            options.close();
            document.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
