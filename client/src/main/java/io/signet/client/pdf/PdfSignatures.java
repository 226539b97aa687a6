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
                        signature.getContents(bytes),
                        signature.getSignedContent(bytes),
                        whole,
                        signature.getSignDate() == null
                                ? null
                                : signature.getSignDate().toInstant()));
            }
        }
        return signatures;
    }
}
