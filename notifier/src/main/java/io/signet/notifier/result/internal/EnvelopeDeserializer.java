package io.signet.notifier.result.internal;

import io.signet.schemas.CloudEventEnvelope;
import io.signet.schemas.EventType;
import io.signet.schemas.KafkaCloudEvents;
import io.signet.schemas.SignetEvent;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a CloudEvents record of one fixed event type. Meant to be wrapped in spring-kafka's
 * {@code ErrorHandlingDeserializer}, so that a record that is not such an event reaches the dead-letter topic
 * instead of blocking its partition. Thread-safe.
 *
 * @param <T> the payload record
 */
public final class EnvelopeDeserializer<T extends SignetEvent> implements Deserializer<CloudEventEnvelope<T>> {

    private final KafkaCloudEvents cloudEvents;
    private final EventType<T> type;

    public EnvelopeDeserializer(KafkaCloudEvents cloudEvents, EventType<T> type) {
        this.cloudEvents = cloudEvents;
        this.type = type;
    }

    @Override
    public CloudEventEnvelope<T> deserialize(String topic, byte[] data) {
        throw new UnsupportedOperationException("CloudEvents in binary mode need the record headers");
    }

    @Override
    public CloudEventEnvelope<T> deserialize(String topic, Headers headers, byte[] data) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(
                topic, 0, 0L, 0L, TimestampType.NO_TIMESTAMP_TYPE, -1, -1, null, data, headers, Optional.empty());
        return cloudEvents.fromConsumerRecord(record, type);
    }
}
