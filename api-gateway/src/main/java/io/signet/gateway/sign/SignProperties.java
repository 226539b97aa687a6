package io.signet.gateway.sign;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code signet.gateway.sign}: intake of sign requests.
 *
 * @param deadline how long a request may take before it ends as EXPIRED; stored with the request and in the event
 * @param maxBody largest accepted request body; larger bodies are refused with 413
 * @param idempotencyTtl how long an {@code Idempotency-Key} replays its first answer
 */
@ConfigurationProperties("signet.gateway.sign")
public record SignProperties(
        @DefaultValue("60s") Duration deadline,
        @DefaultValue("64KB") DataSize maxBody,
        @DefaultValue("24h") Duration idempotencyTtl) {}
