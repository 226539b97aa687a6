package io.signet.signworker.request;

import io.signet.schemas.CloudEventEnvelope;
import io.signet.schemas.EventCodec;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a decoded envelope's payload back as JSON, for the one case where a decoded record is sent on: the
 * dead-letter recoverer after the error handler gave up on a batch. The record's original headers (the CloudEvents
 * context) are copied by the recoverer, so the dead letter stays a readable event.
 */
final class EnvelopeSerializer implements Serializer<CloudEventEnvelope<?>> {

    private final EventCodec codec;

    EnvelopeSerializer(EventCodec codec) {
        this.codec = codec;
    }

    @Override
    public byte[] serialize(String topic, CloudEventEnvelope<?> envelope) {
        return envelope == null ? null : codec.toJson(envelope.payload());
    }
}
