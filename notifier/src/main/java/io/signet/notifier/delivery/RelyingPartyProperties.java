package io.signet.notifier.delivery;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Per relying party callback settings ({@code signet.notifier.rps.<rpId>.*}).
 *
 * @param rps settings by relying party id
 */
@Validated
@ConfigurationProperties("signet.notifier")
public record RelyingPartyProperties(@DefaultValue({}) Map<String, RelyingParty> rps) {

    /**
     * @param webhookUrl endpoint that receives a signed JSON {@code POST} for every ended request; null for none
     * @param webhookSecret Standard Webhooks secret, {@code whsec_} + base64 of the key, signing every callback
     */
    public record RelyingParty(URI webhookUrl, String webhookSecret) {

        @Override
        public String toString() {
            // The secret never reaches a log.
            return "RelyingParty[webhookUrl=" + webhookUrl + "]";
        }
    }

    public Optional<RelyingParty> find(String rpId) {
        return Optional.ofNullable(rps.get(rpId));
    }
}
