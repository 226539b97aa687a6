package io.signet.client.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.client.audit.AuditReplay.Difference;
import io.signet.client.audit.AuditReplay.Kind;
import io.signet.schemas.audit.AuditEntry;
import io.signet.schemas.audit.AuditRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditReplayCompareTest {

    private static final Instant FROM = Instant.EPOCH;
    private static final Instant TO = Instant.parse("2100-01-01T00:00:00Z");

    private final List<AuditRecord> events = SampleLog.records(15);
    private final List<AuditEntry> log = SampleLog.chain(events);

    @Test
    void anUntouchedLogHasNoDifference() {
        AuditReplay.Report report = AuditReplay.compare(events, log, FROM, TO);
        assertThat(report.differences()).isEmpty();
        assertThat(report.entriesCompared()).isEqualTo(15);
    }

    @Test
    void aDeletedEntryIsMissingAtItsPositionWithItsEvent() {
        List<AuditEntry> deleted = new ArrayList<>(log);
        deleted.remove(4);
        AuditReplay.Report report = AuditReplay.compare(events, deleted, FROM, TO);
        assertThat(report.differences())
                .containsExactly(new Difference(Kind.MISSING, 4L, "event-4", "event not in the log"));
        assertThat(report.firstBrokenPosition()).hasValue(4);
    }

    @Test
    void swappedEntriesAreBothAlteredAndNothingElse() {
        List<AuditEntry> swapped = new ArrayList<>(log);
        AuditEntry a = swapped.get(2);
        AuditEntry b = swapped.get(10);
        swapped.set(2, AuditEntry.of(2, b.prevHash(), b.record(), b.leafHash()));
        swapped.set(10, AuditEntry.of(10, a.prevHash(), a.record(), a.leafHash()));
        AuditReplay.Report report = AuditReplay.compare(events, swapped, FROM, TO);
        assertThat(report.differences())
                .extracting(Difference::kind, Difference::position)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Kind.ALTERED, 2L),
                        org.assertj.core.groups.Tuple.tuple(Kind.ALTERED, 10L));
    }

    @Test
    void anEventTheTopicsDoNotHaveIsExtraAndAChangedOneIsAlteredNamingTheField() {
        List<AuditRecord> fewer = new ArrayList<>(events);
        fewer.remove(7);
        AuditRecord changed = events.get(11);
        fewer.set(
                10,
                new AuditRecord(
                        changed.eventId(),
                        changed.eventType(),
                        changed.source(),
                        changed.time(),
                        changed.signatureId(),
                        "rp-else",
                        changed.signerId(),
                        changed.digestAlgorithm(),
                        changed.documentDigest(),
                        changed.certificateThumbprint(),
                        changed.keyId(),
                        changed.status(),
                        changed.detail(),
                        changed.traceId()));
        AuditReplay.Report report = AuditReplay.compare(fewer, log, FROM, TO);
        assertThat(report.differences())
                .containsExactly(
                        new Difference(Kind.EXTRA, 7L, "event-7", "no such event"),
                        new Difference(Kind.ALTERED, 11L, "event-11", "content differs from the event in [rpId]"));
    }

    @Test
    void entriesAndEventsOutsideTheWindowAreIgnored() {
        Instant from = SampleLog.T0.plusSeconds(5);
        Instant to = SampleLog.T0.plusSeconds(10);
        List<AuditRecord> window = events.subList(5, 10);
        AuditReplay.Report report = AuditReplay.compare(window, log, from, to);
        assertThat(report.differences()).isEmpty();
        assertThat(report.entriesCompared()).isEqualTo(5);
    }
}
