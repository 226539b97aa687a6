package io.signet.notifier.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A delivery with its attempts, as shown to the relying party and to ops (no body, no secrets).
 *
 * @param id delivery id
 * @param webhookId the {@code webhook-id} every attempt carried
 * @param signatureId request the callback is about
 * @param rpId receiving relying party
 * @param kind GET or POST
 * @param host destination host
 * @param eventType {@code signature.completed}, {@code signature.failed} or {@code signature.expired}
 * @param status lifecycle status
 * @param nextAttemptAt when the next attempt is due, while pending
 * @param lastError last failure, if any
 * @param createdAt when the result was stored
 * @param endedAt when the delivery ended
 * @param attempts every attempt so far, oldest first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryView(
        UUID id,
        String webhookId,
        String signatureId,
        String rpId,
        DeliveryKind kind,
        String host,
        String eventType,
        DeliveryStatus status,
        Instant nextAttemptAt,
        String lastError,
        Instant createdAt,
        Instant endedAt,
        List<DeliveryAttempt> attempts) {

    static DeliveryView of(Delivery delivery, List<DeliveryAttempt> attempts) {
        return new DeliveryView(
                delivery.id(),
                delivery.webhookId(),
                delivery.signatureId(),
                delivery.rpId(),
                delivery.kind(),
                delivery.host(),
                delivery.eventType(),
                delivery.status(),
                delivery.status() == DeliveryStatus.PENDING ? delivery.nextAttemptAt() : null,
                delivery.lastError(),
                delivery.createdAt(),
                delivery.endedAt(),
                attempts);
    }
}
