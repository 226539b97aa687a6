package io.signet.certworker.claims;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The internal claims endpoint.
 *
 * @param token shared secret sign-workers send as {@code Authorization: Bearer …}; empty (the embedded default)
 *     accepts any caller, so then {@code /internal/**} must be unreachable from outside
 */
@ConfigurationProperties("signet.certworker.claims")
public record ClaimsProperties(@DefaultValue("") String token) {

    @Override
    public String toString() {
        return "ClaimsProperties[token=" + (token.isEmpty() ? "<none>" : "<hidden>") + "]";
    }
}
