package io.signet.schemas.audit;

import io.signet.schemas.Base64Bytes;
import io.signet.schemas.CertIssued;
import io.signet.schemas.CertStatusChanged;
import io.signet.schemas.CloudEventEnvelope;
import io.signet.schemas.ConformanceLevel;
import io.signet.schemas.EventTypes;
import io.signet.schemas.HashType;
import io.signet.schemas.KeyAlgorithm;
import io.signet.schemas.KeyDestroyed;
import io.signet.schemas.SignCompleted;
import io.signet.schemas.SignFailed;
import io.signet.schemas.SignRequested;
import io.signet.schemas.SignatureFormat;
import io.signet.schemas.SignerClaims;
import io.signet.schemas.SignetEvent;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Made-up events and records for the audit contract's tests; the people are fictitious. */
final class AuditSamples {

    static final Instant AT = Instant.parse("2026-11-21T14:05:09.123456789Z");
    static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private AuditSamples() {}

    static Base64Bytes bytes(int length, int seed) {
        byte[] value = new byte[length];
        for (int i = 0; i < length; i++) {
            value[i] = (byte) (seed + i * 31);
        }
        return Base64Bytes.of(value);
    }

    static SignerClaims claims() {
        return new SignerClaims(
                "psn-0d41b7",
                "Jonas",
                "Placeholder",
                "Jonas Placeholder",
                LocalDate.of(1975, 1, 30),
                "Exampleville, XX",
                List.of("XX"),
                "XX",
                "99999",
                "Sample Road 1",
                "Exampleville");
    }

    static SignRequested signRequested(String signatureId) {
        return new SignRequested(
                signatureId,
                "rp-sample",
                SignatureFormat.CADES,
                ConformanceLevel.ADES_B_T,
                KeyAlgorithm.EC_P256,
                HashType.SHA2_256,
                bytes(32, 7),
                "Contract 42",
                claims(),
                AT,
                AT.plusSeconds(60),
                "https://rp.example/callback",
                "nonce-1",
                "state-1",
                null);
    }

    static String pem(Base64Bytes der) {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(der.bytes())
                + "\n-----END CERTIFICATE-----\n";
    }

    /** One event of every type for {@code signatureId}. */
    static List<SignetEvent> transaction(String signatureId) {
        Base64Bytes certificate = bytes(400, 3);
        return List.of(
                signRequested(signatureId),
                new io.signet.schemas.CertRequested(
                        "req-" + signatureId, signatureId, bytes(200, 1), claims(), 60, true, AT),
                CertIssued.issued(
                        "req-" + signatureId,
                        signatureId,
                        certificate,
                        List.of(bytes(300, 2)),
                        "1f",
                        AT,
                        AT.plusSeconds(60),
                        null),
                new SignCompleted(
                        signatureId,
                        "rp-sample",
                        SignatureFormat.CADES,
                        ConformanceLevel.ADES_B_T,
                        bytes(500, 9),
                        pem(certificate),
                        bytes(700, 4),
                        "SHA256withECDSA",
                        AT,
                        "key-" + signatureId),
                new KeyDestroyed(
                        "key-" + signatureId, signatureId, "psn-0d41b7", "signet-sign", KeyAlgorithm.EC_P256, AT),
                SignFailed.permanent(signatureId, "rp-sample", SignFailed.ErrorCode.CA_REFUSED, "refused", AT),
                new CertStatusChanged(
                        Sha256Hash.digest(certificate.bytes()).hex(),
                        "1f",
                        CertStatusChanged.Status.REVOKED,
                        CertStatusChanged.RevocationReason.KEY_COMPROMISE,
                        AT,
                        "cert-worker"));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static CloudEventEnvelope<?> envelope(SignetEvent payload, String id) {
        return new CloudEventEnvelope(
                id,
                EventTypes.forPayload(payload.getClass()),
                URI.create("/signet/test"),
                payload.partitionKey(),
                AT,
                TRACEPARENT,
                payload);
    }

    /** A chained log of {@code transactions} transactions of every event type. */
    static List<AuditEntry> log(int transactions) {
        AuditRecords records = new AuditRecords(new SignerPseudonyms(KEY));
        List<AuditEntry> entries = new ArrayList<>();
        Sha256Hash prev = AuditHashing.GENESIS;
        for (int t = 0; t < transactions; t++) {
            String signatureId = "00000000-0000-4000-8000-" + String.format("%012d", t);
            int n = 0;
            for (SignetEvent event : transaction(signatureId)) {
                AuditEntry entry = AuditEntry.chain(
                        entries.size(), prev, records.derive(envelope(event, signatureId + "/" + n++)));
                entries.add(entry);
                prev = entry.leafHash();
            }
        }
        return entries;
    }
}
