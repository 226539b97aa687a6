package io.signet.audit;

import io.signet.schemas.Base64Bytes;
import io.signet.schemas.CertIssued;
import io.signet.schemas.CertRequested;
import io.signet.schemas.CertStatusChanged;
import io.signet.schemas.ConformanceLevel;
import io.signet.schemas.HashType;
import io.signet.schemas.KeyAlgorithm;
import io.signet.schemas.KeyDestroyed;
import io.signet.schemas.ResultsPurged;
import io.signet.schemas.SignCompleted;
import io.signet.schemas.SignFailed;
import io.signet.schemas.SignRequested;
import io.signet.schemas.SignatureFormat;
import io.signet.schemas.SignerClaims;
import io.signet.schemas.SignetEvent;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Made-up events of one transaction on every topic of a transaction, and a retention purge (the one topic that
 * belongs to no transaction); the signer is fictitious.
 */
public final class SampleEvents {

    public static final String FAMILY_NAME = "Placeholder-Auditsample";

    private SampleEvents() {}

    public static Base64Bytes bytes(int length, int seed) {
        byte[] value = new byte[length];
        for (int i = 0; i < length; i++) {
            value[i] = (byte) (seed + i * 31);
        }
        return Base64Bytes.of(value);
    }

    public static SignerClaims claims(String subject) {
        return new SignerClaims(
                subject,
                "Jonas",
                FAMILY_NAME,
                "Jonas " + FAMILY_NAME,
                LocalDate.of(1975, 1, 30),
                "Exampleville, XX",
                List.of("XX"),
                "XX",
                "99999",
                "Sample Road 1",
                "Exampleville");
    }

    /** One event for each of the seven transaction topics, in pipeline order, for a new transaction. */
    public static List<SignetEvent> transaction() {
        String signatureId = UUID.randomUUID().toString();
        String requestId = UUID.randomUUID().toString();
        String keyId = HexFormat.of()
                .formatHex(UUID.randomUUID().toString().getBytes())
                .substring(0, 16);
        Instant now = Instant.now();
        Base64Bytes certificate = bytes(420, signatureId.hashCode());
        String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(certificate.bytes())
                + "\n-----END CERTIFICATE-----\n";
        String subject = "psn-" + signatureId.substring(0, 8);
        return List.of(
                new SignRequested(
                        signatureId,
                        "rp-audit-test",
                        SignatureFormat.CADES,
                        ConformanceLevel.ADES_B_T,
                        KeyAlgorithm.EC_P256,
                        HashType.SHA2_256,
                        bytes(32, signatureId.hashCode() + 1),
                        "Contract 42",
                        claims(subject),
                        now,
                        now.plusSeconds(60),
                        "https://rp.example/callback",
                        "nonce-1",
                        null,
                        null),
                new CertRequested(requestId, signatureId, bytes(200, 1), claims(subject), 60, true, now),
                CertIssued.issued(
                        requestId,
                        signatureId,
                        certificate,
                        List.of(bytes(300, 2)),
                        "1f",
                        now,
                        now.plusSeconds(60),
                        null),
                new SignCompleted(
                        signatureId,
                        "rp-audit-test",
                        SignatureFormat.CADES,
                        ConformanceLevel.ADES_B_T,
                        bytes(500, 9),
                        pem,
                        bytes(700, 4),
                        "SHA256withECDSA",
                        now,
                        keyId),
                new KeyDestroyed(keyId, signatureId, subject, "signet-sign", KeyAlgorithm.EC_P256, now),
                SignFailed.permanent(signatureId, "rp-audit-test", SignFailed.ErrorCode.EXPIRED, "late", now),
                new CertStatusChanged(
                        thumbprint(certificate), "1f", CertStatusChanged.Status.EXPIRED, null, now, "cert-worker"));
    }

    /** A retention purge of the notifier (belongs to no transaction). */
    public static ResultsPurged resultsPurged() {
        Instant now = Instant.now();
        Instant cutoff = now.minus(java.time.Duration.ofDays(30));
        return new ResultsPurged(
                UUID.randomUUID().toString(), cutoff, 3, 9, cutoff.minusSeconds(3600), cutoff.minusSeconds(1), now);
    }

    private static String thumbprint(Base64Bytes der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der.bytes()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
