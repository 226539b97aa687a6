package io.signet.certworker.crl;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * CRL timing.
 *
 * @param validity nextUpdate minus thisUpdate
 * @param reissueBefore a new CRL is issued when the current one expires within this
 * @param checkInterval how often the scheduler looks at the current CRL
 */
@Validated
@ConfigurationProperties("signet.certworker.crl")
public record CrlProperties(
        @DefaultValue("24h") @NotNull Duration validity,
        @DefaultValue("12h") @NotNull Duration reissueBefore,
        @DefaultValue("1m") @NotNull Duration checkInterval) {}
