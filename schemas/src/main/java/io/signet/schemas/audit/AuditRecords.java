package io.signet.schemas.audit;

import io.signet.schemas.Base64Bytes;
import io.signet.schemas.CertIssued;
import io.signet.schemas.CertRequested;
import io.signet.schemas.CertStatusChanged;
import io.signet.schemas.CloudEventEnvelope;
import io.signet.schemas.KeyDestroyed;
import io.signet.schemas.ResultsPurged;
import io.signet.schemas.SignCompleted;
import io.signet.schemas.SignExpired;
import io.signet.schemas.SignFailed;
import io.signet.schemas.SignRequested;
import io.signet.schemas.SignetEvent;
import io.signet.schemas.Traceparent;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Derives the {@link AuditRecord} of an event: the one derivation that the audit service appends and the offline
 * replay rebuilds, so that a difference between them means the log was changed, not the code. Keeps only what an
 * auditor needs (GovStack 2.7: who without personal data, which document digest, when, with what outcome); drops
 * signature values, certificates (kept as thumbprints), CSRs, names, nonces, callback URLs and free-text messages.
 * Thread-safe.
 */
public final class AuditRecords {

    // W3C trace context: version-traceid-parentid-flags; the trace id is what links log lines and entries.

    private final SignerPseudonyms pseudonyms;

    public AuditRecords(SignerPseudonyms pseudonyms) {
        this.pseudonyms = Objects.requireNonNull(pseudonyms, "pseudonyms");
    }

    /** The record of {@code event}. */
    public AuditRecord derive(CloudEventEnvelope<?> event) {
        Fields fields = fields(event.payload());
        String traceparent = event.traceparent() != null
                ? event.traceparent()
                : event.payload() instanceof SignRequested request ? request.traceparent() : null;
        return new AuditRecord(
                event.id(),
                event.type().type(),
                event.source().toString(),
                event.time(),
                fields.signatureId,
                fields.rpId,
                pseudonyms.pseudonym(fields.subject),
                fields.digestAlgorithm,
                fields.documentDigest,
                fields.certificateThumbprint,
                fields.keyId,
                fields.status,
                fields.detail,
                traceId(traceparent));
    }

    /** The trace id of a W3C traceparent; null when absent or malformed (a bad header must not stop auditing). */
    public static String traceId(String traceparent) {
        return Traceparent.parse(traceparent).map(Traceparent::traceId).orElse(null);
    }

    /** SHA-256 thumbprint of a certificate in PEM (as {@link SignCompleted} carries it); null when not PEM. */
    public static Sha256Hash thumbprintOfPem(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) CERTIFICATE-----", "").replaceAll("\\s", "");
        try {
            return Sha256Hash.digest(Base64.getDecoder().decode(body));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Fields fields(SignetEvent payload) {
        Fields f = new Fields();
        switch (payload) {
            case SignRequested e -> {
                f.signatureId = e.signatureId();
                f.rpId = e.rpId();
                f.subject = e.signer().subject();
                f.digestAlgorithm = e.hashType().value();
                f.documentDigest = e.hash();
                f.status = "REQUESTED";
                f.detail = e.format().value() + " " + e.conformanceLevel().value() + " " + e.keyAlgorithm();
            }
            case CertRequested e -> {
                f.signatureId = e.signatureId();
                f.subject = e.signer().subject();
                f.status = "CERT_REQUESTED";
            }
            case CertIssued e -> {
                f.signatureId = e.signatureId();
                if (e.succeeded()) {
                    f.certificateThumbprint = thumbprint(e.certificate());
                    f.status = "CERT_ISSUED";
                } else {
                    f.status = "CERT_REFUSED";
                    f.detail = e.error().code().name();
                }
            }
            case SignCompleted e -> {
                f.signatureId = e.signatureId();
                f.rpId = e.rpId();
                f.certificateThumbprint = thumbprintOfPem(e.certificate());
                f.keyId = e.keyId();
                f.status = "COMPLETED";
                f.detail = e.format().value() + " " + e.conformanceLevel().value();
            }
            case SignFailed e -> {
                f.signatureId = e.signatureId();
                f.rpId = e.rpId();
                f.status = "FAILED";
                f.detail = e.errorCode().name();
            }
            case SignExpired e -> {
                f.signatureId = e.signatureId();
                f.rpId = e.rpId();
                f.status = "EXPIRED";
                f.detail = "deadline " + e.deadline();
            }
            case CertStatusChanged e -> {
                f.certificateThumbprint = certificateId(e.certificateId());
                f.status = "CERT_" + e.status().name();
                f.detail = e.reason() == null ? null : e.reason().value();
            }
            case KeyDestroyed e -> {
                f.signatureId = e.signatureId();
                f.subject = e.signerId();
                f.keyId = e.keyId();
                f.status = "KEY_DESTROYED";
                f.detail = e.algorithm().name();
            }
            case ResultsPurged e -> {
                // Belongs to no transaction; the counts and the cutoff are what an auditor asks about a deletion.
                f.status = "RESULTS_PURGED";
                f.detail =
                        "results=" + e.results() + " processedEvents=" + e.processedEvents() + " cutoff=" + e.cutoff();
            }
        }
        return f;
    }

    private static Sha256Hash thumbprint(Base64Bytes der) {
        return Sha256Hash.digest(der.bytes());
    }

    private static Sha256Hash certificateId(String hex) {
        try {
            return new Sha256Hash(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // Mutable on purpose: filled by one switch arm, read once; never escapes.
    private static final class Fields {
        String signatureId;
        String rpId;
        String subject;
        String digestAlgorithm;
        Base64Bytes documentDigest;
        Sha256Hash certificateThumbprint;
        String keyId;
        String status;
        String detail;
    }
}
