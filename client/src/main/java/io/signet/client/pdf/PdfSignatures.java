package io.signet.client.pdf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;

/** Reads the signatures of a PDF with PDFBox: what each signs and its CMS, for validation. Stateless. */
public final class PdfSignatures {

    private PdfSignatures() {}

    /** Whether {@code file} starts like a PDF. */
    public static boolean isPdf(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(5), "%PDF-".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
    }

    /** Every signature in {@code file}, in document order. */
    public static List<PdfSignature> read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<PdfSignature> signatures = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(bytes)) {
            for (PDSignature signature : document.getSignatureDictionaries()) {
                int[] range = signature.getByteRange();
                boolean whole = range.length == 4 && (long) range[2] + range[3] == bytes.length;
                signatures.add(new PdfSignature(
                        signature.getName() == null ? "" : signature.getName(),
                        signature.getSubFilter(),
                        withoutPadding(signature.getContents(bytes)),
                        signature.getSignedContent(bytes),
                        whole,
                        signature.getSignDate() == null
                                ? null
                                : signature.getSignDate().toInstant()));
            }
        }
        return signatures;
    }

    /**
     * Contents is reserved larger than the CMS and padded with zeros; BouncyCastle refuses data after the DER object,
     * so the CMS is cut at the length its outer SEQUENCE declares. Anything else (indefinite length, not a SEQUENCE)
     * is returned as it is, for the CMS check to report.
     */
    static byte[] withoutPadding(byte[] contents) {
        if (contents.length < 2 || contents[0] != 0x30) {
            return contents;
        }
        int first = contents[1] & 0xff;
        long length;
        int header;
        if (first < 0x80) {
            length = first;
            header = 2;
        } else {
            int octets = first & 0x7f;
            if (octets == 0 || octets > 4 || contents.length < 2 + octets) {
                return contents;
            }
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = (length << 8) | (contents[2 + i] & 0xff);
            }
            header = 2 + octets;
        }
        long total = header + length;
        return total <= contents.length ? Arrays.copyOf(contents, (int) total) : contents;
    }
}
