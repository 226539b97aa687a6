package io.signet.gateway.ratelimit;

import io.signet.gateway.auth.RpClient;
import io.signet.gateway.error.ApiException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Per-RP token buckets held in memory by this instance (so the cluster-wide limit is the per-instance limit times
 * the number of instances). Thread-safe: one bucket per RP, each guarded by its own lock.
 */
@Component
public class RateLimiter {

    private final RateLimitProperties properties;
    private final LongSupplier nanoClock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    @Autowired
    public RateLimiter(RateLimitProperties properties) {
        this(properties, System::nanoTime);
    }

    RateLimiter(RateLimitProperties properties, LongSupplier nanoClock) {
        this.properties = properties;
        this.nanoClock = nanoClock;
    }

    /** @throws ApiException 429 with {@code Retry-After} (whole seconds) when the RP's bucket is empty */
    public void acquire(RpClient client) {
        if (!properties.enabled()) {
            return;
        }
        int perSecond = client.ratePerSecond() != null ? client.ratePerSecond() : properties.perSecond();
        int burst = client.burst() != null ? client.burst() : properties.burst();
        TokenBucket bucket = buckets.compute(
                client.rpId(),
                (id, existing) -> existing != null && existing.hasLimits(perSecond, burst)
                        ? existing
                        : new TokenBucket(perSecond, burst, nanoClock.getAsLong()));
        long waitNanos = bucket.tryTake(nanoClock.getAsLong());
        if (waitNanos > 0) {
            long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
            throw new ApiException(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "Too many requests: rate limit of " + perSecond + " requests/s exceeded",
                    Map.of("Retry-After", Long.toString(seconds)));
        }
    }

    /** A classic token bucket refilled continuously; arithmetic in nanoseconds to avoid floating point drift. */
    static final class TokenBucket {
        private final int perSecond;
        private final int burst;
        private final long nanosPerToken;
        private long tokensNanos; // tokens * nanosPerToken
        private long last;

        TokenBucket(int perSecond, int burst, long now) {
            this.perSecond = perSecond;
            this.burst = burst;
            this.nanosPerToken = 1_000_000_000L / Math.max(1, perSecond);
            this.tokensNanos = burst * nanosPerToken;
            this.last = now;
        }

        boolean hasLimits(int perSecond, int burst) {
            return this.perSecond == perSecond && this.burst == burst;
        }

        /** @return 0 when a token was taken, else nanoseconds until one is available */
        synchronized long tryTake(long now) {
            long capacity = burst * nanosPerToken;
            tokensNanos = Math.min(capacity, tokensNanos + Math.max(0, now - last));
            last = now;
            if (tokensNanos >= nanosPerToken) {
                tokensNanos -= nanosPerToken;
                return 0;
            }
            return nanosPerToken - tokensNanos;
        }
    }
}
