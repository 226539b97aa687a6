package io.signet.client.validation;

import java.time.Instant;
import java.util.List;

/**
 * DSS's verdict on one signature, as a person reads it.
 *
 * @param indication TOTAL_PASSED, INDETERMINATE or TOTAL_FAILED
 * @param subIndication why not TOTAL_PASSED (e.g. HASH_FAILURE), or null
 * @param format the signature format and level DSS found, e.g. {@code CAdES-BASELINE-LT}
 * @param signedBy the signer certificate's common name, or null
 * @param claimedSigningTime the signing time the signer claims (CMS signing-time, or a PDF signature's M entry), or
 *     null
 * @param bestSignatureTime the earliest time the signature is proven to have existed (a time-stamp's, else now)
 * @param documentIntact whether the signed digest matches the document that was given
 * @param errors DSS's validation errors (empty when TOTAL_PASSED)
 */
public record ValidationReport(
        String indication,
        String subIndication,
        String format,
        String signedBy,
        Instant claimedSigningTime,
        Instant bestSignatureTime,
        boolean documentIntact,
        List<String> errors) {

    /** Whether DSS said TOTAL_PASSED. */
    public boolean passed() {
        return "TOTAL_PASSED".equals(indication);
    }
}
