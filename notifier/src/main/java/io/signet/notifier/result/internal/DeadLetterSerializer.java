package io.signet.notifier.result.internal;

import io.signet.schemas.CloudEventEnvelope;
import io.signet.schemas.EventCodec;
import io.signet.schemas.SignetEvent;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serialises what a dead-letter recoverer publishes: the original bytes of a record that could not be read, or the
 * payload JSON of an event whose processing failed (its CloudEvents headers are copied by the recoverer), and
 * string keys. Thread-safe.
 */
public final class DeadLetterSerializer implements Serializer<Object> {

    private final EventCodec codec;

    public DeadLetterSerializer(EventCodec codec) {
        this.codec = codec;
    }

    @Override
    public byte[] serialize(String topic, Object value) {
        return switch (value) {
            case null -> null;
            case byte[] bytes -> bytes;
            case String text -> text.getBytes(StandardCharsets.UTF_8);
            case CloudEventEnvelope<?> envelope -> codec.toJson(envelope.payload());
            case SignetEvent event -> codec.toJson(event);
            default ->
                throw new IllegalArgumentException(
                        "cannot dead-letter a " + value.getClass().getSimpleName());
        };
    }
}
