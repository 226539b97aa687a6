package io.signet.client.pdf;

import java.time.Instant;

/**
 * One signature found in a PDF.
 *
 * @param fieldName the signature field's name
 * @param subFilter e.g. {@code ETSI.CAdES.detached}
 * @param cms the DER CMS from Contents (trailing zero padding removed)
 * @param signedBytes the bytes of the byte range, which the CMS signs
 * @param coversWholeFile whether the byte range reaches the end of the file (nothing appended after signing, apart
 *     from what a later revision such as a DSS dictionary adds)
 * @param claimedSigningTime the dictionary's M entry, or null
 */
public record PdfSignature(
        String fieldName,
        String subFilter,
        byte[] cms,
        byte[] signedBytes,
        boolean coversWholeFile,
        Instant claimedSigningTime) {}
