package io.signet.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.gateway.auth.RpClient;
import io.signet.gateway.error.ApiException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong();
    private final RateLimiter limiter = new RateLimiter(new RateLimitProperties(true, 2, 3), now::get);
    private final RpClient rp = new RpClient("rp", null, null, List.of(), null);

    @Test
    void burstThenRefillAtTheConfiguredRate() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire(rp);
        }
        assertThatThrownBy(() -> limiter.acquire(rp))
                .isInstanceOf(ApiException.class)
                .matches(e -> ((ApiException) e).status().value() == 429)
                .matches(e -> ((ApiException) e).headers().get("Retry-After").equals("1"));
        now.addAndGet(500_000_000L); // half a second: one token at 2/s
        assertThatCode(() -> limiter.acquire(rp)).doesNotThrowAnyException();
        assertThatThrownBy(() -> limiter.acquire(rp)).isInstanceOf(ApiException.class);
    }

    @Test
    void bucketsArePerRpAndRowsOverrideTheDefaults() {
        RpClient strict = new RpClient("strict", 1, 1, List.of(), null);
        limiter.acquire(strict);
        assertThatThrownBy(() -> limiter.acquire(strict)).isInstanceOf(ApiException.class);
        assertThatCode(() -> limiter.acquire(rp)).doesNotThrowAnyException();
    }

    @Test
    void disabledLimiterNeverRefuses() {
        RateLimiter off = new RateLimiter(new RateLimitProperties(false, 1, 1), now::get);
        for (int i = 0; i < 100; i++) {
            off.acquire(rp);
        }
    }
}
