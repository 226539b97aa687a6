package io.signet.certworker.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClaimRowTest {

    private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void theClaimingRecordProceedsUntilTheRequestEnds() {
        ClaimRow open = new ClaimRow("s", 2, 40L, AT, null);
        ClaimRow ended = new ClaimRow("s", 2, 40L, AT, AT.plusSeconds(1));

        assertThat(open.verdictFor(2, 40)).isEqualTo(ClaimVerdict.PROCEED);
        assertThat(ended.verdictFor(2, 40)).isEqualTo(ClaimVerdict.ENDED);
    }

    @Test
    void anyOtherRecordIsADuplicateWhileOpenAndEndedAfterwards() {
        ClaimRow open = new ClaimRow("s", 2, 40L, AT, null);

        assertThat(open.verdictFor(2, 41)).isEqualTo(ClaimVerdict.DUPLICATE);
        assertThat(open.verdictFor(3, 40)).isEqualTo(ClaimVerdict.DUPLICATE);
        assertThat(new ClaimRow("s", 2, 40L, AT, AT).verdictFor(2, 41)).isEqualTo(ClaimVerdict.ENDED);
    }

    @Test
    void aRequestThatEndedBeforeAnyClaimIsEndedForEveryRecord() {
        ClaimRow endedUnclaimed = new ClaimRow("s", null, null, AT, AT);

        assertThat(endedUnclaimed.verdictFor(0, 0)).isEqualTo(ClaimVerdict.ENDED);
        assertThat(endedUnclaimed.claimedBy(0, 0)).isFalse();
    }
}
