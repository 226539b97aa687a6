package io.signet.certworker.ca;

import java.time.Instant;

/**
 * A certificate row to insert into {@code certs.certificate}.
 *
 * @param kind ONE_TIME or SCD
 * @param requestId the request id of a one-time certificate (its idempotency key), null for SCD
 * @param signatureId the sign request a one-time certificate is for, null for SCD
 * @param subjectId the owner's pseudonymous subject id
 * @param pseudonym the SCD pseudonym (unique), null for one-time certificates
 * @param scdType GovStack SCDType, null for one-time certificates
 * @param scdRemoteId GovStack SCDRemoteId, null for one-time certificates
 * @param scdKeyId GovStack SCDKeyId, null for one-time certificates
 */
public record NewCertificate(
        String id,
        String serial,
        String kind,
        String requestId,
        String signatureId,
        String subjectId,
        String pseudonym,
        String scdType,
        String scdRemoteId,
        Long scdKeyId,
        byte[] der,
        Instant notBefore,
        Instant notAfter) {

    public static NewCertificate oneTime(
            String requestId, String signatureId, String subjectId, IssuedCertificate issued) {
        return new NewCertificate(
                issued.id(),
                issued.serialHex(),
                "ONE_TIME",
                requestId,
                signatureId,
                subjectId,
                null,
                null,
                null,
                null,
                issued.der(),
                issued.notBefore(),
                issued.notAfter());
    }
}
