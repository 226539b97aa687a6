package io.signet.signworker.claims;

import io.signet.platform.secrets.TokenSetting;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
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
 * @param token shared secret sent as {@code Authorization: Bearer …} when cert-worker requires one
 *     ({@code SIGNET_CLAIMS_TOKEN}, else {@code SIGNET_INTERNAL_TOKEN}); wins over {@code tokenFile}
 * @param tokenFile a file whose first line is that secret ({@code SIGNET_INTERNAL_TOKEN_FILE}); neither set: none is sent
 */
@Validated
@ConfigurationProperties("signet.signworker.claims")
public record ClaimsProperties(
        @NotNull @DefaultValue("http://localhost:8082/internal/claims")
        URI url,

        @NotNull @DefaultValue("5s") Duration timeout,
        @Min(1) @DefaultValue("2") int attempts,
        @NotNull @DefaultValue("") String token,
        Path tokenFile) {

    /** The secret to send, if one is configured. */
    public Optional<String> secret() {
        return TokenSetting.resolve(token, tokenFile, "the internal token");
    }

    @Override
    public String toString() {
        return "ClaimsProperties[url=" + url + ", timeout=" + timeout + ", attempts=" + attempts + ", token="
                + (token.isEmpty() ? "<none>" : "<hidden>") + ", tokenFile=" + tokenFile + "]";
    }
}
