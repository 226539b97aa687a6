package io.signet.client.audit;

import io.signet.schemas.Base64Bytes;
import io.signet.schemas.audit.AuditEntry;
import io.signet.schemas.audit.AuditHashing;
import io.signet.schemas.audit.AuditRecord;
import io.signet.schemas.audit.MerkleTree;
import io.signet.schemas.audit.Sha256Hash;
import io.signet.schemas.audit.SignedTreeHead;
import io.signet.schemas.audit.TreeHead;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A made-up chained log and a head signed with a software key, for the offline tools' unit tests. */
final class SampleLog {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private SampleLog() {}

    static AuditRecord record(int i) {
        String signatureId = "sig-" + (i / 3);
        return new AuditRecord(
                "event-" + i,
                "signet.sign.requested.v1",
                "/signet/test",
                T0.plusSeconds(i),
                signatureId,
                "rp-test",
                "0".repeat(64),
                "SHA2-256",
                digest(i),
                null,
                null,
                "REQUESTED",
                null,
                null);
    }

    private static Base64Bytes digest(int i) {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) i;
        bytes[31] = (byte) (i * 7);
        return Base64Bytes.of(bytes);
    }

    static List<AuditRecord> records(int n) {
        List<AuditRecord> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(record(i));
        }
        return records;
    }

    static List<AuditEntry> chain(List<AuditRecord> records) {
        List<AuditEntry> entries = new ArrayList<>();
        Sha256Hash prev = AuditHashing.GENESIS;
        for (AuditRecord record : records) {
            AuditEntry entry = AuditEntry.chain(entries.size(), prev, record);
            entries.add(entry);
            prev = entry.leafHash();
        }
        return entries;
    }

    static KeyPair auditKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static SignedTreeHead sign(List<AuditEntry> log, KeyPair key, Base64Bytes timeStampToken) throws Exception {
        TreeHead head = new TreeHead(
                log.size(),
                MerkleTree.of(log.stream().map(AuditEntry::leafHash).toList()).root(),
                T0.plusSeconds(3600));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key.getPrivate());
        signer.update(head.toBeSigned());
        return new SignedTreeHead(
                head.treeSize(),
                head.rootHash(),
                head.timestamp(),
                "SHA256withECDSA",
                Base64Bytes.of(signer.sign()),
                Sha256Hash.digest(key.getPublic().getEncoded()),
                timeStampToken);
    }
}
