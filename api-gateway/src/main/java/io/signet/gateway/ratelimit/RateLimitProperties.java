package io.signet.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code signet.gateway.rate-limit}: the default token bucket per RP, per gateway instance (an RP's row in
 * {@code gateway.rp_client} may override both numbers).
 *
 * @param enabled false switches rate limiting off (benchmarks)
 * @param perSecond sustained requests per second
 * @param burst bucket size: how many requests may arrive at once
 */
@ConfigurationProperties("signet.gateway.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("100") int perSecond,
        @DefaultValue("200") int burst) {}
