package io.signet.notifier.outbox;

import java.time.Instant;

/**
 * One event waiting in {@code notify.outbox} to be published.
 *
 * @param seq insertion order; rows are relayed oldest first
 * @param eventId CloudEvents {@code ce_id}, kept across re-publication so that consumers can dedupe
 * @param eventType CloudEvents {@code ce_type}
 * @param subject CloudEvents {@code ce_subject}, also the Kafka record key
 * @param occurredAt CloudEvents {@code ce_time}
 * @param payload the event's JSON data
 * @param traceparent W3C trace context of the request the event is about; null when none
 */
public record OutboxRow(
        long seq,
        String eventId,
        String eventType,
        String subject,
        Instant occurredAt,
        String payload,
        String traceparent) {}
