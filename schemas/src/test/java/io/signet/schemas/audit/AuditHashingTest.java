package io.signet.schemas.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditHashingTest {

    private static final AuditRecord BASE = new AuditRecord(
            "id",
            "type",
            "/signet/x",
            Instant.parse("2026-01-01T00:00:00Z"),
            "sig",
            "rp",
            "signer",
            "SHA2-256",
            AuditSamples.bytes(32, 1),
            Sha256Hash.digest(new byte[] {1}),
            "key",
            "COMPLETED",
            "raw",
            "trace");

    @Test
    void everyComponentPositionAndLinkChangesTheLeafHash() {
        List<AuditRecord> variants = List.of(
                BASE,
                new AuditRecord(
                        "id2",
                        "type",
                        "/signet/x",
                        BASE.time(),
                        "sig",
                        "rp",
                        "signer",
                        "SHA2-256",
                        BASE.documentDigest(),
                        BASE.certificateThumbprint(),
                        "key",
                        "COMPLETED",
                        "raw",
                        "trace"),
                new AuditRecord(
                        "id",
                        "type",
                        "/signet/x",
                        BASE.time().plusNanos(1000),
                        "sig",
                        "rp",
                        "signer",
                        "SHA2-256",
                        BASE.documentDigest(),
                        BASE.certificateThumbprint(),
                        "key",
                        "COMPLETED",
                        "raw",
                        "trace"),
                new AuditRecord(
                        "id",
                        "type",
                        "/signet/x",
                        BASE.time(),
                        null,
                        "rp",
                        "signer",
                        "SHA2-256",
                        BASE.documentDigest(),
                        BASE.certificateThumbprint(),
                        "key",
                        "COMPLETED",
                        "raw",
                        "trace"),
                new AuditRecord(
                        "id",
                        "type",
                        "/signet/x",
                        BASE.time(),
                        "sig",
                        "rp",
                        "signer",
                        "SHA2-256",
                        AuditSamples.bytes(32, 2),
                        BASE.certificateThumbprint(),
                        "key",
                        "COMPLETED",
                        "raw",
                        "trace"),
                new AuditRecord(
                        "id",
                        "type",
                        "/signet/x",
                        BASE.time(),
                        "sig",
                        "rp",
                        "signer",
                        "SHA2-256",
                        BASE.documentDigest(),
                        null,
                        "key",
                        "COMPLETED",
                        "raw",
                        "trace"),
                new AuditRecord(
                        "id",
                        "type",
                        "/signet/x",
                        BASE.time(),
                        "sig",
                        "rp",
                        "signer",
                        "SHA2-256",
                        BASE.documentDigest(),
                        BASE.certificateThumbprint(),
                        "key",
                        "FAILED",
                        "raw",
                        "trace"),
                // Moving a value between neighbouring fields must not give the same encoding.
                new AuditRecord(
                        "id",
                        "type",
                        "/signet/x",
                        BASE.time(),
                        "rp",
                        "sig",
                        "signer",
                        "SHA2-256",
                        BASE.documentDigest(),
                        BASE.certificateThumbprint(),
                        "key",
                        "COMPLETED",
                        "raw",
                        "trace"));
        Set<Sha256Hash> hashes = new HashSet<>();
        for (AuditRecord variant : variants) {
            hashes.add(AuditHashing.leafHash(0, AuditHashing.GENESIS, variant));
        }
        hashes.add(AuditHashing.leafHash(1, AuditHashing.GENESIS, BASE));
        hashes.add(AuditHashing.leafHash(0, Sha256Hash.digest(new byte[0]), BASE));
        assertThat(hashes).hasSize(variants.size() + 2);
    }

    @Test
    void theLeafHashIsStableAndTimesKeepMicroseconds() {
        AuditRecord nanos = new AuditRecord(
                "id",
                "type",
                "/signet/x",
                Instant.parse("2026-01-01T00:00:00.000000999Z"),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "REQUESTED",
                null,
                null);
        AuditRecord micros = new AuditRecord(
                "id",
                "type",
                "/signet/x",
                Instant.parse("2026-01-01T00:00:00Z"),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "REQUESTED",
                null,
                null);
        assertThat(nanos).isEqualTo(micros);
        assertThat(AuditHashing.leafHash(3, AuditHashing.GENESIS, nanos))
                .isEqualTo(AuditHashing.leafHash(3, AuditHashing.GENESIS, micros));
    }

    @Test
    void leafAndNodeHashesAreDomainSeparated() {
        Sha256Hash a = Sha256Hash.digest(new byte[] {1});
        byte[] concatenated = new byte[64];
        System.arraycopy(a.bytes(), 0, concatenated, 0, 32);
        System.arraycopy(a.bytes(), 0, concatenated, 32, 32);
        assertThat(AuditHashing.nodeHash(a, a)).isNotEqualTo(Sha256Hash.digest(concatenated));
    }
}
