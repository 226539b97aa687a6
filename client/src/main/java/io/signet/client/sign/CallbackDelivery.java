package io.signet.client.sign;

import java.time.Instant;
import java.util.List;

/**
 * One callback of a sign request as the gateway shows it to the relying party that made the request.
 *
 * @param kind {@code GET} (the GovStack callback to the request's callbackUrl) or {@code POST} (the RP's webhook)
 * @param webhookId the {@code webhook-id} every attempt carried
 * @param status {@code PENDING}, {@code DELIVERED}, {@code DEAD} (every scheduled attempt failed) or {@code DISABLED}
 *     (the endpoint answered 410)
 * @param nextAttemptAt when the next attempt is due while pending; null otherwise
 * @param lastError the last failure; null after success
 * @param attempts every attempt, oldest first
 */
public record CallbackDelivery(
        String kind, String webhookId, String status, Instant nextAttemptAt, String lastError, List<Attempt> attempts) {

    /**
     * @param attempt attempt number, from 1
     * @param attemptedAt when it started
     * @param httpStatus the answer's status; null when none came (timeout, connection refused)
     * @param latencyMs time to the answer or failure
     * @param outcome {@code DELIVERED}, {@code RETRY}, {@code DEAD}, {@code DISABLED} or {@code REFUSED}
     * @param error the failure; null on success
     */
    public record Attempt(
            int attempt, Instant attemptedAt, Integer httpStatus, long latencyMs, String outcome, String error) {}
}
