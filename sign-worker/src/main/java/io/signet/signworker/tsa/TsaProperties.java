package io.signet.signworker.tsa;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where B-T and B-LT signatures get their RFC 3161 signature time-stamp.
 *
 * @param url the TSA endpoint; by default Signet's own TSA in cert-worker
 * @param timeout how long one time-stamp request may take
 * @param attempts how often a failed time-stamp request is tried at least; it is tried again, with growing pauses, until
 *     the time the signature needs its time-stamp by, so that a TSA away for a while (restarting) delays signatures
 *     instead of failing them with TSA_UNAVAILABLE
 * @param retryDelay the first pause between attempts; each further pause doubles, up to {@link #MAX_RETRY_DELAY}
 */
@Validated
@ConfigurationProperties("signet.signworker.tsa")
public record TsaProperties(
        @NotNull @DefaultValue("http://localhost:8082/pki/tsa")
        URI url,

        @NotNull @DefaultValue("5s") Duration timeout,
        @Min(1) @DefaultValue("3") int attempts,
        @NotNull @DefaultValue("200ms") Duration retryDelay) {

    /** The longest pause between two attempts. */
    public static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(2);
}
