package io.signet.audit.head;

import io.signet.hsm.KeyAlgorithm;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When and with which key signed tree heads are made.
 *
 * @param interval a head is made this often when the log grew since the last one
 * @param maxEntries a head is made as soon as this many entries were appended since the last one
 * @param keyLabel label of the audit key pair in the HSM; generated on first start if missing
 * @param keyAlgorithm curve of a newly generated audit key ({@code EC_P256} or {@code EC_P384})
 */
@Validated
@ConfigurationProperties("signet.audit.head")
public record HeadProperties(
        @NotNull @DefaultValue("10s") Duration interval,
        @Min(1) @DefaultValue("10000") int maxEntries,
        @NotBlank @DefaultValue("signet-audit") String keyLabel,
        @NotNull @DefaultValue("EC_P256") KeyAlgorithm keyAlgorithm) {

    public HeadProperties {
        if (keyAlgorithm != null && keyAlgorithm.family() != KeyAlgorithm.KeyFamily.EC) {
            throw new IllegalArgumentException("the audit key is an EC key (EC_P256 or EC_P384)");
        }
    }
}
