package io.signet.notifier.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Retention of results ({@code signet.notifier.retention}).
 *
 * @param period how long an ended request's result, callbacks and attempts are kept
 * @param purgeInterval pause between purges
 */
@Validated
@ConfigurationProperties("signet.notifier.retention")
public record RetentionProperties(
        @DefaultValue("30d") Duration period,
        @DefaultValue("1h") Duration purgeInterval) {}
