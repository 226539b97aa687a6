package io.signet.notifier.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When the next attempt of a failed delivery is due: the configured schedule (exponential in spirit: immediately,
 * 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h) with random jitter, never earlier than the receiver's
 * {@code Retry-After}. Thread-safe if the random generator is.
 */
public final class RetryPolicy {

    private final List<Duration> schedule;
    private final double jitter;
    private final Duration maxRetryAfter;
    private final RandomGenerator random;

    public RetryPolicy(List<Duration> schedule, double jitter, Duration maxRetryAfter, RandomGenerator random) {
        this.schedule = List.copyOf(schedule);
        this.jitter = jitter;
        this.maxRetryAfter = maxRetryAfter;
        this.random = random;
    }

    /**
     * The delay before the next attempt after {@code attemptsInSchedule} failed attempts (counted since the last
     * re-drive), or empty when the schedule is used up and the delivery is dead.
     */
    public Optional<Duration> nextDelay(int attemptsInSchedule, Duration retryAfter) {
        if (attemptsInSchedule >= schedule.size()) {
            return Optional.empty();
        }
        Duration planned = schedule.get(attemptsInSchedule);
        long plannedMillis = planned.toMillis();
        long spread = Math.round(plannedMillis * jitter);
        long jittered = spread == 0 ? plannedMillis : plannedMillis + random.nextLong(-spread, spread + 1);
        Duration delay = Duration.ofMillis(Math.max(0, jittered));
        if (retryAfter != null) {
            Duration asked = retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
            if (asked.compareTo(delay) > 0) {
                delay = asked;
            }
        }
        return Optional.of(delay);
    }

    /** Number of attempts a delivery gets per schedule (the first one included). */
    public int attemptsPerSchedule() {
        return schedule.size();
    }
}
