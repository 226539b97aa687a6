package io.signet.certworker.ca;

import java.time.Instant;

/**
 * A row of {@code certs.certificate} without the DER bytes (see {@link CertificateDao#der}).
 *
 * @param id hex SHA-256 of the DER certificate
 * @param serial lower-case hex serial number
 * @param kind ONE_TIME or SCD
 * @param subjectId the owner's pseudonymous subject id
 * @param pseudonym the SCD pseudonym, null for one-time certificates
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param status stored status
 * @param statusMessage the reason text given with the last status change
 * @param revocationReason RFC 5280 reason code while SUSPENDED or REVOKED
 * @param statusChangedAt when the status last changed (the revocation time in OCSP and the CRL)
 */
public record CertificateRecord(
        String id,
        String serial,
        String kind,
        String subjectId,
        String pseudonym,
        Instant notBefore,
        Instant notAfter,
        CertificateStatus status,
        String statusMessage,
        Integer revocationReason,
        Instant statusChangedAt) {

    /** ACTIVATED, SUSPENDED, REVOKED or EXPIRED as the list filter sees it: revocation wins over expiry. */
    public String effectiveStatus(Instant now) {
        if (status == CertificateStatus.ACTIVE) {
            return now.isAfter(notAfter) ? "EXPIRED" : "ACTIVATED";
        }
        return status.name();
    }
}
