package io.signet.schemas.audit;

import io.signet.schemas.Base64Bytes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What the audit log keeps of one event, before it is chained: derived by {@link AuditRecords#derive} and by nothing
 * else, so that the audit service and the offline replay build equal records from equal events. Holds no signature
 * value, token, name or other personal data: the signer appears only as a keyed pseudonym, a certificate only as its
 * thumbprint.
 *
 * @param eventId CloudEvents {@code ce_id} of the event; unique in the log
 * @param eventType CloudEvents {@code ce_type}, e.g. {@code signet.sign.requested.v1}
 * @param source CloudEvents {@code ce_source}, e.g. {@code /signet/sign-worker}
 * @param time CloudEvents {@code ce_time}, truncated to microseconds (what PostgreSQL keeps)
 * @param signatureId the sign request (transaction) the event belongs to; null for certificate status changes
 * @param rpId the relying party; null when the event does not name it
 * @param signerId pseudonymous signer id: lower-case hex HMAC-SHA256 of the signer's subject (see {@link
 *     SignerPseudonyms}); null when the event does not name a signer
 * @param digestAlgorithm GovStack name of the document digest's hash ({@code SHA2-256} ...); null without a digest
 * @param documentDigest the digest the relying party asked to sign (sign requests only); null otherwise
 * @param certificateThumbprint SHA-256 of the DER certificate concerned; null when the event names none
 * @param keyId HSM id of the signing key (completions and key destructions); null otherwise
 * @param status what happened, a stable upper-case word ({@code REQUESTED}, {@code COMPLETED}, {@code
 *     KEY_DESTROYED} ...)
 * @param detail a stable code qualifying the status (an error code, a format and level, a revocation reason); null
 *     when there is none. Never free text, which could carry personal data
 * @param traceId the 32 hex digits of the W3C trace id; null when the event carried no traceparent
 */
public record AuditRecord(
        String eventId,
        String eventType,
        String source,
        Instant time,
        String signatureId,
        String rpId,
        String signerId,
        String digestAlgorithm,
        Base64Bytes documentDigest,
        Sha256Hash certificateThumbprint,
        String keyId,
        String status,
        String detail,
        String traceId) {

    public AuditRecord {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(status, "status");
        if ((digestAlgorithm == null) != (documentDigest == null)) {
            throw new IllegalArgumentException("digestAlgorithm and documentDigest go together");
        }
        time = time.truncatedTo(ChronoUnit.MICROS);
    }
}
