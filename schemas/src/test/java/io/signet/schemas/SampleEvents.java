package io.signet.schemas;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** One event of each type built in code (fake people, made-up bytes), as producers would build them. */
final class SampleEvents {

    static final String SIGNATURE_ID = "0b6f2d7e-1c3a-4e59-8f0d-2a4b6c8e0f13";
    static final String REQUEST_ID = "c4e1a2b3-5d6f-4a7b-8c9d-0e1f2a3b4c5d";
    static final Instant AT = Instant.parse("2026-11-21T14:05:09.250Z");

    private SampleEvents() {}

    static SignerClaims claims() {
        return new SignerClaims(
                "psn-0d41b7",
                "Jonas",
                "Placeholder",
                "Jonas Placeholder",
                LocalDate.of(1975, 1, 30),
                "Exampleville, XX",
                List.of("XX", "YY"),
                "XX",
                "99999",
                "Sample Road 1",
                "Exampleville");
    }

    static Base64Bytes bytes(int length, int seed) {
        byte[] value = new byte[length];
        for (int i = 0; i < length; i++) {
            value[i] = (byte) (seed + i * 31);
        }
        return Base64Bytes.of(value);
    }

    static SignRequested signRequested() {
        return new SignRequested(
                SIGNATURE_ID,
                "rp-sample-agency",
                SignatureFormat.RAW,
                ConformanceLevel.ADES_B_B,
                KeyAlgorithm.EC_P384,
                HashType.SHA3_384,
                bytes(48, 7),
                null,
                SignerClaims.ofSubject("psn-0d41b7"),
                AT,
                AT.plusSeconds(60),
                null,
                "nonce-1",
                null,
                null);
    }

    static CertRequested certRequested() {
        return new CertRequested(
                REQUEST_ID,
                SIGNATURE_ID,
                bytes(300, 3),
                claims(),
                60,
                true,
                AT,
                new CertRequested.Source(1, 42),
                AT.minusSeconds(2));
    }

    static CertIssued certIssued() {
        return CertIssued.issued(
                REQUEST_ID,
                SIGNATURE_ID,
                bytes(520, 1),
                List.of(bytes(498, 2), bytes(470, 5)),
                "1f",
                AT,
                AT.plusSeconds(60),
                null);
    }

    static CertIssued certRefused() {
        return CertIssued.refused(
                REQUEST_ID,
                SIGNATURE_ID,
                new CertIssued.CertRefusal(CertIssued.CertRefusal.Code.INVALID_CSR, "CSR signature does not verify"));
    }

    static SignCompleted signCompleted() {
        return new SignCompleted(
                SIGNATURE_ID,
                "rp-sample-agency",
                SignatureFormat.RAW,
                ConformanceLevel.ADES_B_B,
                bytes(96, 9),
                "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
                null,
                "1.2.840.10045.4.3.3",
                AT,
                "a1b2c3");
    }

    static SignFailed signFailed() {
        return SignFailed.permanent(
                SIGNATURE_ID, "rp-sample-agency", SignFailed.ErrorCode.EXPIRED, "Deadline passed", AT);
    }

    static SignExpired signExpired() {
        return new SignExpired(SIGNATURE_ID, "rp-sample-agency", AT.minusSeconds(1), AT);
    }

    static CertStatusChanged certStatusChanged() {
        return new CertStatusChanged(
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "1f",
                CertStatusChanged.Status.SUSPENDED,
                CertStatusChanged.RevocationReason.CERTIFICATE_HOLD,
                AT,
                "cert-worker");
    }

    static KeyDestroyed keyDestroyed() {
        return new KeyDestroyed("a1b2c3", SIGNATURE_ID, "psn-0d41b7", "signet-onetime", KeyAlgorithm.EC_P384, AT);
    }

    static ResultsPurged resultsPurged() {
        return new ResultsPurged(
                "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                AT.minusSeconds(30 * 24 * 3600),
                2,
                5,
                AT.minusSeconds(31 * 24 * 3600),
                AT.minusSeconds(30 * 24 * 3600 + 1),
                AT);
    }

    /** One sample per event type. */
    static Map<EventType<?>, SignetEvent> all() {
        return Map.of(
                EventTypes.SIGN_REQUESTED_V1, signRequested(),
                EventTypes.CERT_REQUESTED_V1, certRequested(),
                EventTypes.CERT_ISSUED_V1, certIssued(),
                EventTypes.SIGN_COMPLETED_V1, signCompleted(),
                EventTypes.SIGN_FAILED_V1, signFailed(),
                EventTypes.SIGN_EXPIRED_V1, signExpired(),
                EventTypes.CERT_STATUS_CHANGED_V1, certStatusChanged(),
                EventTypes.KEY_DESTROYED_V1, keyDestroyed(),
                EventTypes.RESULTS_PURGED_V1, resultsPurged());
    }
}
