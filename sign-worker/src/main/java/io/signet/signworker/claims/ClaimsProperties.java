package io.signet.signworker.claims;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Claiming sign requests at cert-worker before any HSM operation.
 *
 * @param url cert-worker's claim endpoint ({@code POST /internal/claims})
 * @param timeout how long one call may take
 * @param attempts calls per batch before the batch fails (and the container's error handler backs off and retries
 *     it, for as long as cert-worker stays away: nothing is signed unclaimed)
 * @param token shared secret sent as {@code Authorization: Bearer …} when cert-worker requires one; empty: none
 */
@Validated
@ConfigurationProperties("signet.signworker.claims")
public record ClaimsProperties(
        @NotNull @DefaultValue("http://localhost:8082/internal/claims")
        URI url,

        @NotNull @DefaultValue("5s") Duration timeout,
        @Min(1) @DefaultValue("2") int attempts,
        @NotNull @DefaultValue("") String token) {

    @Override
    public String toString() {
        return "ClaimsProperties[url=" + url + ", timeout=" + timeout + ", attempts=" + attempts + ", token="
                + (token.isEmpty() ? "<none>" : "<hidden>") + "]";
    }
}
