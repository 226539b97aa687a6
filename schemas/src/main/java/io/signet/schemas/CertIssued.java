package io.signet.schemas;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * cert-worker's reply to a {@link CertRequested}: either the certificate or, when the CA refused, an error. Type
 * {@code signet.cert.issued.v1}, key = requestId. Exactly one of {@code certificate} and {@code error} is set; the
 * certificate fields are all set or all null.
 *
 * @param requestId the requestId of the {@link CertRequested} this answers, a UUID
 * @param signatureId the sign request the certificate is for, a UUID
 * @param certificate base64 of the DER X.509 certificate; null when refused
 * @param chain base64 DER certificates of the CA chain, issuing CA first, root last; null when refused
 * @param serialNumber certificate serial number, lower-case hex without leading zeros; null when refused
 * @param notBefore start of validity, ISO-8601 UTC; null when refused
 * @param notAfter end of validity, ISO-8601 UTC; null when refused
 * @param ocspResponse base64 of a DER OCSPResponse for the certificate, when requested; null otherwise
 * @param error why the CA refused; null when issued
 */
public record CertIssued(
        String requestId,
        String signatureId,
        Base64Bytes certificate,
        List<Base64Bytes> chain,
        String serialNumber,
        Instant notBefore,
        Instant notAfter,
        Base64Bytes ocspResponse,
        CertRefusal error)
        implements SignetEvent {

    public CertIssued {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(signatureId, "signatureId");
        chain = chain == null ? null : List.copyOf(chain);
        boolean issued = certificate != null;
        if (issued == (error != null)) {
            throw new IllegalArgumentException("exactly one of certificate and error must be set");
        }
        if (issued && (chain == null || serialNumber == null || notBefore == null || notAfter == null)) {
            throw new IllegalArgumentException("an issued certificate needs chain, serialNumber, notBefore, notAfter");
        }
    }

    /** A successful reply. */
    public static CertIssued issued(
            String requestId,
            String signatureId,
            Base64Bytes certificate,
            List<Base64Bytes> chain,
            String serialNumber,
            Instant notBefore,
            Instant notAfter,
            Base64Bytes ocspResponse) {
        return new CertIssued(
                requestId, signatureId, certificate, chain, serialNumber, notBefore, notAfter, ocspResponse, null);
    }

    /** A refusal. */
    public static CertIssued refused(String requestId, String signatureId, CertRefusal error) {
        return new CertIssued(requestId, signatureId, null, null, null, null, null, null, error);
    }

    /** True when the certificate was issued, false when the CA refused. */
    public boolean succeeded() {
        return certificate != null;
    }

    @Override
    public String partitionKey() {
        return requestId;
    }

    /**
     * Why the CA refused a {@link CertRequested}.
     *
     * @param code stable reason, by name
     * @param message human-readable detail for operators, without personal data or key material
     */
    public record CertRefusal(Code code, String message) {

        public CertRefusal {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }

        /** Stable refusal reasons. */
        public enum Code {
            /** The CSR does not parse or its signature (proof of possession) does not verify. */
            INVALID_CSR,
            /** The identity claims are missing, malformed or not allowed in a certificate. */
            INVALID_CLAIMS,
            /** The key algorithm or size of the CSR is not allowed by the CA policy. */
            UNSUPPORTED_ALGORITHM,
            /** The request violates the CA policy otherwise (e.g. validity too long). */
            POLICY_VIOLATION,
            /**
             * The sign request has already ended (completed, failed or expired): this copy of it is redundant, and the
             * asker stops working on it without a result of its own.
             */
            REQUEST_ENDED,
            /** Anything else; see the logs of cert-worker. */
            INTERNAL
        }
    }
}
