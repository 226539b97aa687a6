package io.signet.signworker.request;

import io.signet.schemas.CloudEventEnvelope;
import io.signet.schemas.EventTypes;
import io.signet.schemas.KafkaCloudEvents;
import io.signet.schemas.SignRequested;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a {@code signet.sign.requested.v1} CloudEvent, the fixed target type of the sign-request listener. Wrapped
 * in an ErrorHandlingDeserializer, so a record that is not such an event reaches the listener as a failure to
 * dead-letter instead of stopping the partition. Thread-safe.
 */
public final class SignRequestDeserializer implements Deserializer<CloudEventEnvelope<SignRequested>> {

    private final KafkaCloudEvents events = new KafkaCloudEvents("sign-worker");

    @Override
    public CloudEventEnvelope<SignRequested> deserialize(String topic, byte[] data) {
        throw new UnsupportedOperationException("CloudEvents in binary mode need the record headers");
    }

    @Override
    public CloudEventEnvelope<SignRequested> deserialize(String topic, Headers headers, byte[] data) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(
                topic,
                0,
                0L,
                -1L,
                TimestampType.NO_TIMESTAMP_TYPE,
                -1,
                data == null ? -1 : data.length,
                null,
                data,
                headers,
                Optional.empty());
        return events.fromConsumerRecord(record, EventTypes.SIGN_REQUESTED_V1);
    }
}
