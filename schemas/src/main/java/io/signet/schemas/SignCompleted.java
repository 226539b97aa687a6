package io.signet.schemas;

import java.time.Instant;
import java.util.Objects;

/**
 * A sign request finished successfully. Type {@code signet.sign.completed.v1}, key = signatureId. {@link
 * #toString()} leaves out the signature and the certificate, which must not be logged.
 *
 * @param signatureId id of the sign request, a UUID
 * @param rpId id of the relying party that submitted it
 * @param format output format of {@code signature}
 * @param conformanceLevel baseline level the signature meets
 * @param signature base64 of the DER CMS SignedData (CAdES, PAdES) or of the bare signature value (raw: ECDSA as
 *     r||s, RSA PKCS#1 v1.5)
 * @param certificate the signer's X.509 certificate in PEM ({@code -----BEGIN CERTIFICATE-----} ...), as the
 *     GovStack response carries it
 * @param signatureTimestamp base64 of the DER RFC 3161 TimeStampToken over the signature value (B-T, B-LT); null
 *     for B-B
 * @param signatureAlgorithm signature algorithm, as dotted OID or JCA name (e.g. {@code SHA256withECDSA})
 * @param completedAt when sign-worker finished, ISO-8601 UTC
 * @param keyId HSM id of the (now destroyed) one-time key, as in {@link KeyDestroyed#keyId()}
 */
public record SignCompleted(
        String signatureId,
        String rpId,
        SignatureFormat format,
        ConformanceLevel conformanceLevel,
        Base64Bytes signature,
        String certificate,
        Base64Bytes signatureTimestamp,
        String signatureAlgorithm,
        Instant completedAt,
        String keyId)
        implements SignetEvent {

    public SignCompleted {
        Objects.requireNonNull(signatureId, "signatureId");
        Objects.requireNonNull(rpId, "rpId");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(conformanceLevel, "conformanceLevel");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm");
        Objects.requireNonNull(completedAt, "completedAt");
        Objects.requireNonNull(keyId, "keyId");
    }

    @Override
    public String partitionKey() {
        return signatureId;
    }

    @Override
    public String toString() {
        return "SignCompleted[signatureId=" + signatureId + ", rpId=" + rpId + ", format=" + format
                + ", conformanceLevel=" + conformanceLevel + ", signatureAlgorithm=" + signatureAlgorithm
                + ", completedAt=" + completedAt + ", keyId=" + keyId + "]";
    }
}
