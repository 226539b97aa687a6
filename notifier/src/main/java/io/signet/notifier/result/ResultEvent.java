package io.signet.notifier.result;

import io.signet.schemas.SignetEvent;

/**
 * An event the notifier consumes, with what makes it idempotent.
 *
 * @param eventId the CloudEvents id ({@code ce_id}); an id already processed is skipped
 * @param topic the topic it came from
 * @param payload {@code SignRequested}, {@code SignCompleted} or {@code SignFailed}
 * @param traceparent the event's W3C traceparent, for log lines about it; null when absent
 */
public record ResultEvent(String eventId, String topic, SignetEvent payload, String traceparent) {}
