package io.signet.schemas;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Writes and reads Signet events as Kafka records in CloudEvents 1.0 binary content mode: the context attributes
 * in {@code ce_*} headers (mapped by the CloudEvents SDK), the JSON payload as the record value, the partition key
 * as record key and {@code ce_subject}, and the W3C {@code traceparent} header when known. Thread-safe.
 */
public final class KafkaCloudEvents {

    private final URI source;
    private final EventCodec codec;
    private final Clock clock;

    /**
     * @param service name of the producing service (e.g. {@code sign-worker}); the source is {@code /signet/<service>}
     * @param codec the payload codec
     * @param clock supplies {@code ce_time} of new events
     */
    public KafkaCloudEvents(String service, EventCodec codec, Clock clock) {
        this.source = URI.create("/signet/" + Objects.requireNonNull(service, "service"));
        this.codec = Objects.requireNonNull(codec, "codec");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** With a fresh {@link EventCodec} and the UTC system clock. */
    public KafkaCloudEvents(String service) {
        this(service, new EventCodec(), Clock.systemUTC());
    }

    /** The {@code ce_source} of events this instance creates. */
    public URI source() {
        return source;
    }

    /** A new envelope for {@code payload}: random id, now, subject = the payload's partition key. */
    public <T extends SignetEvent> CloudEventEnvelope<T> envelope(T payload, String traceparent) {
        @SuppressWarnings("unchecked")
        EventType<T> type = EventTypes.forPayload((Class<T>) payload.getClass());
        return new CloudEventEnvelope<>(
                UUID.randomUUID().toString(),
                type,
                source,
                payload.partitionKey(),
                clock.instant(),
                traceparent,
                payload);
    }

    /** The record for a new event about {@code payload}; {@code traceparent} may be null. */
    public ProducerRecord<String, byte[]> toProducerRecord(SignetEvent payload, String traceparent) {
        return toProducerRecord(envelope(payload, traceparent));
    }

    /** The record for {@code envelope}, on its type's topic, keyed by its subject. */
    public ProducerRecord<String, byte[]> toProducerRecord(CloudEventEnvelope<?> envelope) {
        CloudEvent event = CloudEventBuilder.v1()
                .withId(envelope.id())
                .withType(envelope.type().type())
                .withSource(envelope.source())
                .withSubject(envelope.subject())
                .withTime(envelope.time().atOffset(ZoneOffset.UTC))
                .withDataContentType(Headers.JSON)
                .withData(codec.toJson(envelope.payload()))
                .build();
        ProducerRecord<String, byte[]> record = KafkaMessageFactory.<String>createWriter(
                        envelope.type().topic(), envelope.subject())
                .writeBinary(event);
        if (envelope.traceparent() != null) {
            record.headers().add(Headers.TRACEPARENT, envelope.traceparent().getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    /**
     * Reads a record that must carry {@code expected}.
     *
     * @throws EventContractException when the record is not a binary-mode CloudEvents 1.0 JSON event of type
     *     {@code expected}, or its payload does not decode
     */
    public <T extends SignetEvent> CloudEventEnvelope<T> fromConsumerRecord(
            ConsumerRecord<?, byte[]> record, EventType<T> expected) {
        CloudEvent event = readEvent(record);
        if (!expected.type().equals(event.getType())) {
            throw new EventContractException(
                    "expected " + expected + " but got " + event.getType() + " on " + record.topic());
        }
        return decode(record, event, expected);
    }

    /**
     * Reads a record of any type in {@link EventTypes#ALL} (for consumers of several topics, such as audit).
     *
     * @throws EventContractException when the record is not a binary-mode CloudEvents 1.0 JSON event of a known
     *     type, or its payload does not decode
     */
    public CloudEventEnvelope<?> fromConsumerRecord(ConsumerRecord<?, byte[]> record) {
        CloudEvent event = readEvent(record);
        EventType<?> type = EventTypes.byType(event.getType())
                .orElseThrow(() ->
                        new EventContractException("unknown event type " + event.getType() + " on " + record.topic()));
        return decode(record, event, type);
    }

    private static CloudEvent readEvent(ConsumerRecord<?, byte[]> record) {
        CloudEvent event;
        try {
            MessageReader reader = KafkaMessageFactory.createReader(record.headers(), record.value());
            if (reader.getEncoding() != Encoding.BINARY) {
                throw new EventContractException("not a binary-mode CloudEvent on " + record.topic());
            }
            event = reader.toEvent();
        } catch (CloudEventRWException e) {
            throw new EventContractException("not a CloudEvent on " + record.topic() + ": " + e.getKind());
        }
        if (event.getSpecVersion() != SpecVersion.V1) {
            throw new EventContractException("unsupported CloudEvents version " + event.getSpecVersion());
        }
        String contentType = event.getDataContentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(Headers.JSON)) {
            throw new EventContractException("content type must be " + Headers.JSON + " on " + record.topic());
        }
        if (event.getSubject() == null || event.getTime() == null || event.getData() == null) {
            throw new EventContractException("ce_subject, ce_time and data are required on " + record.topic());
        }
        return event;
    }

    private <T extends SignetEvent> CloudEventEnvelope<T> decode(
            ConsumerRecord<?, byte[]> record, CloudEvent event, EventType<T> type) {
        T payload = codec.fromJson(event.getData().toBytes(), type.payloadClass());
        Header traceparent = record.headers().lastHeader(Headers.TRACEPARENT);
        return new CloudEventEnvelope<>(
                event.getId(),
                type,
                event.getSource(),
                event.getSubject(),
                event.getTime().toInstant(),
                traceparent == null ? null : new String(traceparent.value(), StandardCharsets.UTF_8),
                payload);
    }
}
