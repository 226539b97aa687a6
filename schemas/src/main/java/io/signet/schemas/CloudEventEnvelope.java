package io.signet.schemas;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A CloudEvents 1.0 event as Signet sends it on Kafka: the context attributes and the decoded payload.
 *
 * @param id {@code ce_id}: unique event id (a random UUID unless the producer reuses one, e.g. the outbox row id);
 *     consumers deduplicate by it
 * @param type {@code ce_type}: the versioned event type
 * @param source {@code ce_source}: URI reference of the producing service, {@code /signet/<service>}
 * @param subject {@code ce_subject}: equal to the Kafka record key and to {@code payload.partitionKey()}
 * @param time {@code ce_time}: when the event happened, UTC
 * @param traceparent the W3C {@code traceparent} header; null when absent
 * @param payload the event data, {@code application/json} on the wire
 * @param <T> the payload record
 */
public record CloudEventEnvelope<T extends SignetEvent>(
        String id, EventType<T> type, URI source, String subject, Instant time, String traceparent, T payload) {

    public CloudEventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(payload, "payload");
        if (!type.payloadClass().isInstance(payload)) {
            throw new IllegalArgumentException("payload " + payload.getClass().getSimpleName() + " is not " + type);
        }
    }
}
