package io.signet.client.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OpenScheduleTest {

    @Test
    void requestsAreDueAtFixedIntervalsFromTheStartWhateverHappensToEarlierOnes() {
        OpenSchedule schedule = new OpenSchedule(1_000_000_000L, 400);

        assertThat(schedule.intendedNanos(0)).isEqualTo(1_000_000_000L);
        assertThat(schedule.intendedNanos(1)).isEqualTo(1_002_500_000L);
        assertThat(schedule.intendedNanos(400)).isEqualTo(2_000_000_000L);
        assertThat(schedule.intendedNanos(24_000)).isEqualTo(61_000_000_000L);
    }

    @Test
    void fractionalRatesDoNotDriftOverLongRuns() {
        OpenSchedule schedule = new OpenSchedule(0, 3);

        assertThat(schedule.intendedNanos(1)).isEqualTo(333_333_333L);
        assertThat(schedule.intendedNanos(2)).isEqualTo(666_666_667L);
        // After an hour the error is still below a nanosecond, not 3,600 x 3 rounding errors.
        assertThat(schedule.intendedNanos(3 * 3600)).isEqualTo(3_600_000_000_000L);
    }

    @Test
    void aWindowHoldsTheRequestsDueBeforeItsEnd() {
        assertThat(new OpenSchedule(0, 20).countWithin(Duration.ofSeconds(6))).isEqualTo(120);
        assertThat(new OpenSchedule(0, 400).countWithin(Duration.ofSeconds(70))).isEqualTo(28_000);
        // 0, 333 and 667 ms are due within the first second; the fourth is due at 1 s, the next window's start.
        assertThat(new OpenSchedule(0, 3).countWithin(Duration.ofSeconds(1))).isEqualTo(3);
        assertThat(new OpenSchedule(0, 0.5).countWithin(Duration.ofSeconds(3))).isEqualTo(2);
        assertThat(new OpenSchedule(0, 7).countWithin(Duration.ZERO)).isZero();
    }

    @Test
    void theRateMustBePositive() {
        assertThatThrownBy(() -> new OpenSchedule(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OpenSchedule(0, -5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OpenSchedule(0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
