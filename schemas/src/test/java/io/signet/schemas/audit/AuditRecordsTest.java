package io.signet.schemas.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.schemas.Base64Bytes;
import io.signet.schemas.SignetEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditRecordsTest {

    private static final String SIGNATURE_ID = "0b6f2d7e-1c3a-4e59-8f0d-2a4b6c8e0f13";

    private final SignerPseudonyms pseudonyms = new SignerPseudonyms(AuditSamples.KEY);
    private final AuditRecords records = new AuditRecords(pseudonyms);

    private List<AuditRecord> deriveAll() {
        return AuditSamples.transaction(SIGNATURE_ID).stream()
                .map(e -> records.derive(
                        AuditSamples.envelope(e, "id-" + e.getClass().getSimpleName())))
                .toList();
    }

    @Test
    void everyEventTypeGetsAStatusAndTheTransactionItBelongsTo() {
        List<AuditRecord> derived = deriveAll();
        assertThat(derived)
                .extracting(AuditRecord::status)
                .containsExactly(
                        "REQUESTED",
                        "CERT_REQUESTED",
                        "CERT_ISSUED",
                        "COMPLETED",
                        "KEY_DESTROYED",
                        "FAILED",
                        "CERT_REVOKED");
        assertThat(derived.subList(0, 6))
                .allSatisfy(r -> assertThat(r.signatureId()).isEqualTo(SIGNATURE_ID));
        assertThat(derived.get(6).signatureId()).isNull();
        assertThat(derived).allSatisfy(r -> assertThat(r.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736"));
    }

    @Test
    void signRequestKeepsTheDocumentDigestAndAPseudonymNotTheName() {
        AuditRecord request = deriveAll().getFirst();
        assertThat(request.documentDigest()).isEqualTo(AuditSamples.bytes(32, 7));
        assertThat(request.digestAlgorithm()).isEqualTo("SHA2-256");
        assertThat(request.rpId()).isEqualTo("rp-sample");
        assertThat(request.signerId()).hasSize(64).isEqualTo(pseudonyms.pseudonym("psn-0d41b7"));
        assertThat(request.time()).isEqualTo("2026-11-21T14:05:09.123456Z");
    }

    @Test
    void theSignerOfTheKeyDestructionIsTheSignerOfTheRequest() {
        List<AuditRecord> derived = deriveAll();
        assertThat(derived.get(4).signerId()).isEqualTo(derived.getFirst().signerId());
        assertThat(derived.get(4).keyId()).isEqualTo("key-" + SIGNATURE_ID);
        assertThat(derived.get(3).keyId()).isEqualTo("key-" + SIGNATURE_ID);
    }

    @Test
    void certificatesAppearOnlyAsTheSameThumbprintWhereverTheyComeFrom() {
        List<AuditRecord> derived = deriveAll();
        Sha256Hash issued = derived.get(2).certificateThumbprint();
        assertThat(issued).isNotNull();
        assertThat(derived.get(3).certificateThumbprint()).isEqualTo(issued);
        assertThat(derived.get(6).certificateThumbprint()).isEqualTo(issued);
    }

    @Test
    void noPersonalDataSignatureValueOrFreeTextReachesTheCanonicalEntry() {
        List<SignetEvent> events = AuditSamples.transaction(SIGNATURE_ID);
        for (AuditRecord record : deriveAll()) {
            String canonical =
                    new String(AuditHashing.canonical(0, AuditHashing.GENESIS, record), StandardCharsets.ISO_8859_1);
            for (String forbidden : List.of(
                    "Jonas",
                    "Placeholder",
                    "Exampleville",
                    "psn-0d41b7",
                    "Contract 42",
                    "nonce-1",
                    "refused",
                    "rp.example")) {
                assertThat(canonical).doesNotContain(forbidden);
            }
            for (Base64Bytes secret :
                    List.of(AuditSamples.bytes(500, 9), AuditSamples.bytes(400, 3), AuditSamples.bytes(700, 4))) {
                String raw = new String(secret.bytes(), StandardCharsets.ISO_8859_1);
                assertThat(canonical).doesNotContain(raw.substring(0, 24));
            }
        }
        assertThat(events).hasSize(7);
    }

    @Test
    void aResultsPurgeIsLoggedWithItsCountsAndCutoffAndNoTransaction() {
        var purged = new io.signet.schemas.ResultsPurged(
                "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                java.time.Instant.parse("2026-10-22T03:00:00Z"),
                12,
                40,
                AuditSamples.AT.minusSeconds(100),
                AuditSamples.AT.minusSeconds(10),
                AuditSamples.AT);

        AuditRecord record = records.derive(AuditSamples.envelope(purged, "purge-1"));

        assertThat(record.status()).isEqualTo("RESULTS_PURGED");
        assertThat(record.detail()).isEqualTo("results=12 processedEvents=40 cutoff=2026-10-22T03:00:00Z");
        assertThat(record.eventType()).isEqualTo("signet.results.purged.v1");
        assertThat(record.signatureId()).isNull();
        assertThat(record.signerId()).isNull();
        assertThat(record.rpId()).isNull();
    }

    @Test
    void anExpiryIsLoggedWithItsRequestAndDeadline() {
        var expired = new io.signet.schemas.SignExpired(
                "3f2b8c1e-6d4a-4f7e-9b21-0c5d8e7a1f34",
                "rp-demo-bank",
                java.time.Instant.parse("2026-11-20T09:31:00Z"),
                AuditSamples.AT);

        AuditRecord record = records.derive(AuditSamples.envelope(expired, "expiry-1"));

        assertThat(record.status()).isEqualTo("EXPIRED");
        assertThat(record.detail()).isEqualTo("deadline 2026-11-20T09:31:00Z");
        assertThat(record.eventType()).isEqualTo("signet.sign.expired.v1");
        assertThat(record.signatureId()).isEqualTo("3f2b8c1e-6d4a-4f7e-9b21-0c5d8e7a1f34");
        assertThat(record.rpId()).isEqualTo("rp-demo-bank");
    }

    @Test
    void pseudonymsDependOnTheKey() {
        SignerPseudonyms other = new SignerPseudonyms("another key of thirty-two bytes!".getBytes());
        assertThat(other.pseudonym("psn-0d41b7")).isNotEqualTo(pseudonyms.pseudonym("psn-0d41b7"));
        assertThat(pseudonyms.pseudonym("psn-0d41b7")).isEqualTo(pseudonyms.pseudonym("psn-0d41b7"));
        assertThat(pseudonyms.toString()).doesNotContain("0123");
    }

    @Test
    void malformedTraceparentGivesNoTraceId() {
        assertThat(AuditRecords.traceId("garbage")).isNull();
        assertThat(AuditRecords.traceId(null)).isNull();
        assertThat(AuditRecords.traceId(AuditSamples.TRACEPARENT)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }
}
