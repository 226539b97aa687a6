package io.signet.gateway.auth;

import java.util.List;

/**
 * A relying party known to the gateway (row of {@code gateway.rp_client}).
 *
 * @param rpId stable RP identifier, used as owner of its sign requests
 * @param ratePerSecond sustained requests per second this RP may send; null means the configured default
 * @param burst bucket size; null means the configured default
 * @param callbackAllowList hosts or CIDRs this RP's callback URLs may resolve to even if private
 * @param webhookSecretRef name of the secret the notifier signs this RP's callbacks with (a reference, not the
 *     secret)
 */
public record RpClient(
        String rpId, Integer ratePerSecond, Integer burst, List<String> callbackAllowList, String webhookSecretRef) {

    public RpClient {
        callbackAllowList = callbackAllowList == null ? List.of() : List.copyOf(callbackAllowList);
    }
}
