package io.signet.client.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Tells PDFs from other documents. Stateless. */
public final class PdfFiles {

    private PdfFiles() {}

    /** Whether {@code file} starts like a PDF. */
    public static boolean isPdf(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(5), "%PDF-".getBytes(StandardCharsets.US_ASCII));
        }
    }
}
