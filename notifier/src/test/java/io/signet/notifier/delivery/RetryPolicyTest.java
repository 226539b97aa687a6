package io.signet.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final List<Duration> SCHEDULE = List.of(
            Duration.ZERO,
            Duration.ofSeconds(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(5),
            Duration.ofHours(10),
            Duration.ofHours(10));

    @Test
    void withoutJitterTheScheduleIsFollowedAndEndsAfterTheLastAttempt() {
        var policy = new RetryPolicy(SCHEDULE, 0, Duration.ofDays(1), new SplittableRandom(1));

        assertThat(policy.nextDelay(1, null)).contains(Duration.ofSeconds(5));
        assertThat(policy.nextDelay(2, null)).contains(Duration.ofMinutes(5));
        assertThat(policy.nextDelay(7, null)).contains(Duration.ofHours(10));
        assertThat(policy.nextDelay(8, null)).isEmpty();
        assertThat(policy.attemptsPerSchedule()).isEqualTo(8);
    }

    @RepeatedTest(20)
    void jitterStaysWithinItsSpread() {
        var policy = new RetryPolicy(SCHEDULE, 0.2, Duration.ofDays(1), new SplittableRandom());

        assertThat(policy.nextDelay(2, null).orElseThrow()).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(6));
    }

    @Test
    void retryAfterIsHonouredButCapped() {
        var policy = new RetryPolicy(SCHEDULE, 0, Duration.ofHours(1), new SplittableRandom(1));

        assertThat(policy.nextDelay(1, Duration.ofMinutes(2))).contains(Duration.ofMinutes(2));
        assertThat(policy.nextDelay(1, Duration.ofSeconds(1))).contains(Duration.ofSeconds(5));
        assertThat(policy.nextDelay(1, Duration.ofDays(3))).contains(Duration.ofHours(1));
    }
}
