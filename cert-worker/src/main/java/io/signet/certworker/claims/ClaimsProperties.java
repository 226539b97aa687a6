package io.signet.certworker.claims;

import io.signet.platform.secrets.TokenSetting;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The internal claims endpoint.
 *
 * @param token shared secret sign-workers send as {@code Authorization: Bearer …} ({@code SIGNET_CLAIMS_TOKEN}, else
 *     {@code SIGNET_INTERNAL_TOKEN}); wins over {@code tokenFile}
 * @param tokenFile a file whose first line is that secret ({@code SIGNET_INTERNAL_TOKEN_FILE}); with neither set any
 *     caller is accepted, so then {@code /internal/**} must be unreachable from outside
 */
@ConfigurationProperties("signet.certworker.claims")
public record ClaimsProperties(@DefaultValue("") String token, Path tokenFile) {

    /** The secret callers must send, if one is configured. */
    public Optional<String> secret() {
        return TokenSetting.resolve(token, tokenFile, "the internal token");
    }

    @Override
    public String toString() {
        return "ClaimsProperties[token=" + (token.isEmpty() ? "<none>" : "<hidden>") + ", tokenFile=" + tokenFile + "]";
    }
}
