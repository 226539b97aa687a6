package io.signet.client.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.schemas.Base64Bytes;
import io.signet.schemas.audit.AuditEntry;
import io.signet.schemas.audit.AuditLogCheck.Break;
import io.signet.schemas.audit.AuditLogCheck.Problem;
import io.signet.schemas.audit.AuditRecord;
import io.signet.schemas.audit.MerkleTree;
import io.signet.schemas.audit.SignedTreeHead;
import io.signet.schemas.audit.TransactionProof;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditVerifierTest {

    private final List<AuditEntry> log = SampleLog.chain(SampleLog.records(20));

    @Test
    void anUntouchedLogWithItsSignedHeadPasses() throws Exception {
        KeyPair key = SampleLog.auditKey();
        SignedTreeHead head = SampleLog.sign(log, key, null);
        AuditVerifier.LogCheck check = new AuditVerifier(key.getPublic(), null).checkLog(log, head);
        assertThat(check.firstBreak()).isEmpty();
        assertThat(check.rootMatches()).isTrue();
        assertThat(check.head().signatureValid()).isTrue();
        assertThat(check.head().timeStamp()).isEqualTo(AuditVerifier.TimeStampStatus.MISSING);
    }

    @Test
    void aHeadSignedByAnotherKeyOrChangedAfterSigningFails() throws Exception {
        KeyPair key = SampleLog.auditKey();
        SignedTreeHead head = SampleLog.sign(log, key, null);
        AuditVerifier other = new AuditVerifier(SampleLog.auditKey().getPublic(), null);
        assertThat(other.checkHead(head).keyMatches()).isFalse();
        assertThat(other.checkHead(head).signatureValid()).isFalse();
        SignedTreeHead grown = new SignedTreeHead(
                head.treeSize() + 1,
                head.rootHash(),
                head.timestamp(),
                head.signatureAlgorithm(),
                head.signature(),
                head.keyId(),
                null);
        assertThat(new AuditVerifier(key.getPublic(), null).checkHead(grown).signatureValid())
                .isFalse();
    }

    @Test
    void theFirstBrokenPositionIsReportedForADeletedAFlippedAndSwappedEntries() throws Exception {
        KeyPair key = SampleLog.auditKey();
        SignedTreeHead head = SampleLog.sign(log, key, null);
        AuditVerifier verifier = new AuditVerifier(key.getPublic(), null);

        List<AuditEntry> deleted = new ArrayList<>(log);
        deleted.remove(6);
        assertThat(verifier.checkLog(deleted, head).firstBreak()).contains(new Break(6, Problem.MISSING));

        List<AuditEntry> flipped = new ArrayList<>(log);
        AuditEntry e = flipped.get(9);
        byte[] digest = e.documentDigest().bytes();
        digest[5] ^= 0x01;
        AuditRecord r = e.record();
        flipped.set(
                9,
                AuditEntry.of(
                        9,
                        e.prevHash(),
                        new AuditRecord(
                                r.eventId(),
                                r.eventType(),
                                r.source(),
                                r.time(),
                                r.signatureId(),
                                r.rpId(),
                                r.signerId(),
                                r.digestAlgorithm(),
                                Base64Bytes.of(digest),
                                r.certificateThumbprint(),
                                r.keyId(),
                                r.status(),
                                r.detail(),
                                r.traceId()),
                        e.leafHash()));
        AuditVerifier.LogCheck flippedCheck = verifier.checkLog(flipped, head);
        assertThat(flippedCheck.firstBreak()).contains(new Break(9, Problem.ALTERED));
        assertThat(flippedCheck.rootMatches()).isFalse();

        List<AuditEntry> swapped = new ArrayList<>(log);
        AuditEntry a = swapped.get(3);
        AuditEntry b = swapped.get(12);
        swapped.set(3, AuditEntry.of(3, b.prevHash(), b.record(), b.leafHash()));
        swapped.set(12, AuditEntry.of(12, a.prevHash(), a.record(), a.leafHash()));
        assertThat(verifier.checkLog(swapped, head).firstBreak()).contains(new Break(3, Problem.ALTERED));
    }

    @Test
    void inclusionProofsHoldForTheTransactionsEntriesAndNotForAChangedOne() throws Exception {
        KeyPair key = SampleLog.auditKey();
        SignedTreeHead head = SampleLog.sign(log, key, null);
        MerkleTree tree = MerkleTree.of(log.stream().map(AuditEntry::leafHash).toList());
        List<TransactionProof.EntryProof> entries = log.stream()
                .filter(e -> e.signatureId().equals("sig-2"))
                .map(e -> new TransactionProof.EntryProof(e, tree.inclusionProof(e.position(), log.size())))
                .toList();
        AuditVerifier verifier = new AuditVerifier(key.getPublic(), null);
        AuditVerifier.ProofCheck check = verifier.checkProof(new TransactionProof("sig-2", head, entries));
        assertThat(check.failedPositions()).isEmpty();
        assertThat(check.entries()).isEqualTo(3);

        AuditEntry honest = entries.getFirst().entry();
        AuditRecord r = honest.record();
        AuditEntry forged = AuditEntry.of(
                honest.position(),
                honest.prevHash(),
                new AuditRecord(
                        r.eventId(),
                        r.eventType(),
                        r.source(),
                        r.time(),
                        r.signatureId(),
                        "rp-other",
                        r.signerId(),
                        r.digestAlgorithm(),
                        r.documentDigest(),
                        r.certificateThumbprint(),
                        r.keyId(),
                        r.status(),
                        r.detail(),
                        r.traceId()),
                honest.leafHash());
        assertThat(verifier.verifyInclusion(forged, entries.getFirst().auditPath(), head))
                .isFalse();
    }
}
