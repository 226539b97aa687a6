package io.signet.schemas.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.schemas.Base64Bytes;
import io.signet.schemas.audit.AuditLogCheck.Break;
import io.signet.schemas.audit.AuditLogCheck.Problem;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditLogCheckTest {

    private final List<AuditEntry> log = AuditSamples.log(3);

    private static Optional<Break> check(List<AuditEntry> entries, long headSize) {
        AuditLogCheck check = new AuditLogCheck();
        entries.forEach(check::accept);
        check.expectAtLeast(headSize);
        return check.firstBreak();
    }

    @Test
    void anUntouchedLogPassesAndItsRootIsTheTreesRoot() {
        AuditLogCheck check = new AuditLogCheck();
        log.forEach(check::accept);
        assertThat(check.firstBreak()).isEmpty();
        assertThat(check.root(log.size()))
                .contains(MerkleTree.of(log.stream().map(AuditEntry::leafHash).toList())
                        .root());
    }

    @Test
    void aDeletedEntryIsReportedAtItsPosition() {
        List<AuditEntry> tampered = new ArrayList<>(log);
        tampered.remove(5);
        assertThat(check(tampered, log.size())).contains(new Break(5, Problem.MISSING));
    }

    @Test
    void aFlippedByteIsReportedAtItsPosition() {
        List<AuditEntry> tampered = new ArrayList<>(log);
        AuditEntry entry = tampered.get(7);
        AuditRecord record = entry.record();
        byte[] digest = record.documentDigest() == null
                ? new byte[] {0}
                : record.documentDigest().bytes();
        digest[0] ^= 1;
        AuditRecord flipped = new AuditRecord(
                record.eventId(),
                record.eventType(),
                record.source(),
                record.time(),
                record.signatureId(),
                record.rpId(),
                record.signerId(),
                "SHA2-256",
                Base64Bytes.of(digest),
                record.certificateThumbprint(),
                record.keyId(),
                record.status(),
                record.detail(),
                record.traceId());
        tampered.set(7, AuditEntry.of(7, entry.prevHash(), flipped, entry.leafHash()));
        assertThat(check(tampered, log.size())).contains(new Break(7, Problem.ALTERED));
    }

    @Test
    void swappedEntriesAreReportedAtTheFirstOfThem() {
        List<AuditEntry> tampered = new ArrayList<>(log);
        AuditEntry a = tampered.get(4);
        AuditEntry b = tampered.get(11);
        // The rows keep everything but trade their positions, as an UPDATE of the position column would do.
        tampered.set(4, AuditEntry.of(4, b.prevHash(), b.record(), b.leafHash()));
        tampered.set(11, AuditEntry.of(11, a.prevHash(), a.record(), a.leafHash()));
        assertThat(check(tampered, log.size())).contains(new Break(4, Problem.ALTERED));
    }

    @Test
    void aRewrittenChainIsCaughtByTheSignedRootEvenWhenEveryLinkIsConsistent() {
        List<AuditEntry> rewritten = new ArrayList<>();
        Sha256Hash prev = AuditHashing.GENESIS;
        for (AuditEntry entry : log) {
            if (entry.position() == 2) {
                continue;
            }
            AuditEntry moved = AuditEntry.chain(rewritten.size(), prev, entry.record());
            rewritten.add(moved);
            prev = moved.leafHash();
        }
        AuditLogCheck check = new AuditLogCheck();
        rewritten.forEach(check::accept);
        check.expectAtLeast(log.size());
        assertThat(check.firstBreak()).contains(new Break(log.size() - 1, Problem.TRUNCATED));
        Sha256Hash signedRoot =
                MerkleTree.of(log.stream().map(AuditEntry::leafHash).toList()).root();
        assertThat(check.root(log.size())).isEmpty();
        assertThat(check.root(log.size() - 1)).isNotEqualTo(java.util.Optional.of(signedRoot));
    }

    @Test
    void theExportRoundTripsThroughJsonLines() {
        AuditExport export = new AuditExport();
        StringWriter out = new StringWriter();
        export.write(out, log);
        assertThat(export.read(new StringReader(out.toString()))).isEqualTo(log);
        String array = "[" + String.join(",", out.toString().strip().split("\n")) + "]";
        assertThat(export.read(new StringReader(array))).isEqualTo(log);
    }
}
