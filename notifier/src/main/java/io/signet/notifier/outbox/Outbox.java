package io.signet.notifier.outbox;

import io.signet.schemas.CloudEventEnvelope;
import io.signet.schemas.EventCodec;
import io.signet.schemas.KafkaCloudEvents;
import io.signet.schemas.SignetEvent;
import java.nio.charset.StandardCharsets;
import org.jdbi.v3.core.Handle;

/**
 * Writes events into the outbox inside the caller's transaction, so that an event exists exactly when its cause was
 * committed ({@link OutboxRelay} publishes it afterwards). Thread-safe (stateless).
 */
public final class Outbox {

    private final KafkaCloudEvents cloudEvents;
    private final EventCodec codec;

    public Outbox(KafkaCloudEvents cloudEvents, EventCodec codec) {
        this.cloudEvents = cloudEvents;
        this.codec = codec;
    }

    /** Adds {@code event} with a new CloudEvents id to the transaction of {@code handle}; returns the envelope. */
    public <T extends SignetEvent> CloudEventEnvelope<T> add(Handle handle, T event) {
        return add(handle, event, null);
    }

    /**
     * Adds {@code event}, about a request whose W3C trace context is {@code traceparent} (null when none), with a new
     * CloudEvents id to the transaction of {@code handle}; returns the envelope.
     */
    public <T extends SignetEvent> CloudEventEnvelope<T> add(Handle handle, T event, String traceparent) {
        CloudEventEnvelope<T> envelope = cloudEvents.envelope(event, traceparent);
        handle.attach(OutboxDao.class)
                .insert(
                        envelope.id(),
                        envelope.type().type(),
                        envelope.subject(),
                        envelope.time(),
                        new String(codec.toJson(event), StandardCharsets.UTF_8),
                        envelope.traceparent());
        return envelope;
    }
}
