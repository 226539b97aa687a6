package io.signet.notifier.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * One callback to deliver, at least once, with its retry state.
 *
 * @param id delivery id; {@code "msg_" + id} is the Standard Webhooks {@code webhook-id}, stable across retries
 * @param signatureId request the callback is about
 * @param rpId relying party receiving it
 * @param kind GovStack GET or webhook POST
 * @param url full target URL (for GET including the GovStack query parameters)
 * @param endpoint scheme, host, port and path: the unit that a 410 disables
 * @param host destination host name: the unit of concurrency limits and backlog metrics
 * @param eventType {@code signature.completed}, {@code signature.failed} or {@code signature.expired}
 * @param body JSON body of a POST; null for GET
 * @param status lifecycle status
 * @param attempts attempts made so far (all time)
 * @param scheduleOffset attempts made before the last re-drive; the retry schedule restarts there
 * @param nextAttemptAt when the next attempt is due (while pending)
 * @param lastError short description of the last failure; null after success
 * @param createdAt when the result was stored and the delivery created
 * @param endedAt when it was delivered, dead-lettered or disabled
 * @param traceparent W3C trace context of the request, for the log lines about this delivery; null when none
 */
public record Delivery(
        UUID id,
        String signatureId,
        String rpId,
        DeliveryKind kind,
        String url,
        String endpoint,
        String host,
        String eventType,
        String body,
        DeliveryStatus status,
        int attempts,
        int scheduleOffset,
        Instant nextAttemptAt,
        String lastError,
        Instant createdAt,
        Instant endedAt,
        String traceparent) {

    /** Standard Webhooks message id, the same for every attempt of this delivery. */
    public String webhookId() {
        return "msg_" + id;
    }
}
