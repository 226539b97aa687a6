package io.signet.schemas;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * sign-worker asks cert-worker to certify a freshly generated one-time key. Type {@code signet.cert.requested.v1},
 * key = requestId; answered by {@link CertIssued} with the same requestId.
 *
 * @param requestId id of this request-reply exchange, a UUID in canonical lower-case text form
 * @param signatureId the sign request this certificate is for, a UUID
 * @param csr base64 of the DER PKCS#10 certification request, signed with the new key (proof of possession)
 * @param signer identity claims to put into the certificate
 * @param validitySeconds requested validity of the certificate in seconds (60 for one-time certificates)
 * @param includeOcsp whether to return a fresh OCSP response with the certificate (needed for AdES-B-LT)
 * @param requestedAt when sign-worker sent the request (this copy of it: a resend has its own), ISO-8601 UTC
 * @param source the {@code signet.sign.requested} record that claimed signatureId (cert-worker's sign claims); optional
 *     (absent from writers before it was added), and when present cert-worker refuses to certify for any other record
 * @param signRequestedAt when the gateway accepted the sign request; optional. The certificate's validity starts
 *     before it, so that a signing time the RP claimed when it submitted (a PDF's) lies within it even when the
 *     request waited in the pipeline
 */
public record CertRequested(
        String requestId,
        String signatureId,
        Base64Bytes csr,
        SignerClaims signer,
        @JsonProperty(required = true) long validitySeconds,
        @JsonProperty(required = true) boolean includeOcsp,
        Instant requestedAt,
        Source source,
        Instant signRequestedAt)
        implements SignetEvent {

    /** A request without {@link #signRequestedAt} (as written before it was added). */
    public CertRequested(
            String requestId,
            String signatureId,
            Base64Bytes csr,
            SignerClaims signer,
            long validitySeconds,
            boolean includeOcsp,
            Instant requestedAt,
            Source source) {
        this(requestId, signatureId, csr, signer, validitySeconds, includeOcsp, requestedAt, source, null);
    }

    /** A request without {@link #source} (as written before sign claims existed). */
    public CertRequested(
            String requestId,
            String signatureId,
            Base64Bytes csr,
            SignerClaims signer,
            long validitySeconds,
            boolean includeOcsp,
            Instant requestedAt) {
        this(requestId, signatureId, csr, signer, validitySeconds, includeOcsp, requestedAt, null, null);
    }

    public CertRequested {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(signatureId, "signatureId");
        Objects.requireNonNull(csr, "csr");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(requestedAt, "requestedAt");
        if (validitySeconds <= 0) {
            throw new IllegalArgumentException("validitySeconds must be positive");
        }
    }

    @Override
    public String partitionKey() {
        return requestId;
    }

    /** This request as sent again at {@code time}: the same request id, so cert-worker answers it the same. */
    public CertRequested resentAt(Instant time) {
        return new CertRequested(
                requestId, signatureId, csr, signer, validitySeconds, includeOcsp, time, source, signRequestedAt);
    }

    /**
     * Position of a sign request record.
     *
     * @param partition partition of {@code signet.sign.requested}, zero or more
     * @param offset offset within that partition, zero or more
     */
    public record Source(
            @JsonProperty(required = true) int partition,
            @JsonProperty(required = true) long offset) {

        public Source {
            if (partition < 0 || offset < 0) {
                throw new IllegalArgumentException("partition and offset must not be negative");
            }
        }
    }
}
