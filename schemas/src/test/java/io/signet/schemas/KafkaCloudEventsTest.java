package io.signet.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** CloudEvents 1.0 binary mode on Kafka records: headers, key, payload, and what a reader rejects. */
class KafkaCloudEventsTest {

    private static final Instant NOW = Instant.parse("2026-11-21T14:05:10.500Z");
    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private final KafkaCloudEvents events =
            new KafkaCloudEvents("sign-worker", Contracts.CODEC, Clock.fixed(NOW, ZoneOffset.UTC));

    static List<EventType<?>> eventTypes() {
        return EventTypes.ALL;
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void producerRecordCarriesTheCloudEventsHeadersAndReadsBack(EventType<?> type) {
        SignetEvent payload = SampleEvents.all().get(type);

        ProducerRecord<String, byte[]> record = events.toProducerRecord(payload, TRACEPARENT);

        assertThat(record.topic()).isEqualTo(type.topic());
        assertThat(record.key()).isEqualTo(payload.partitionKey());
        assertThat(UUID.fromString(header(record, Headers.CE_ID))).isNotNull();
        assertThat(header(record, Headers.CE_TYPE)).isEqualTo(type.type());
        assertThat(header(record, Headers.CE_SOURCE)).isEqualTo("/signet/sign-worker");
        assertThat(Instant.parse(header(record, Headers.CE_TIME))).isEqualTo(NOW);
        assertThat(header(record, Headers.CE_SUBJECT)).isEqualTo(payload.partitionKey());
        assertThat(header(record, Headers.CE_SPECVERSION)).isEqualTo("1.0");
        assertThat(header(record, Headers.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(header(record, Headers.TRACEPARENT)).isEqualTo(TRACEPARENT);
        assertThat(record.value()).isEqualTo(Contracts.CODEC.toJson(payload));

        CloudEventEnvelope<?> read = events.fromConsumerRecord(consumed(record));

        assertThat(read.id()).isEqualTo(header(record, Headers.CE_ID));
        assertThat(read.type()).isEqualTo(type);
        assertThat(read.source()).isEqualTo(URI.create("/signet/sign-worker"));
        assertThat(read.subject()).isEqualTo(payload.partitionKey());
        assertThat(read.time()).isEqualTo(NOW);
        assertThat(read.traceparent()).isEqualTo(TRACEPARENT);
        assertThat(read.payload()).isEqualTo(payload);
    }

    @Test
    void typedReadKeepsAGivenIdAndWorksWithoutTraceparent() {
        CloudEventEnvelope<SignRequested> sent = new CloudEventEnvelope<>(
                "outbox-42",
                EventTypes.SIGN_REQUESTED_V1,
                URI.create("/signet/api-gateway"),
                SampleEvents.SIGNATURE_ID,
                NOW,
                null,
                SampleEvents.signRequested());

        ProducerRecord<String, byte[]> record = events.toProducerRecord(sent);
        CloudEventEnvelope<SignRequested> read =
                events.fromConsumerRecord(consumed(record), EventTypes.SIGN_REQUESTED_V1);

        assertThat(record.headers().lastHeader(Headers.TRACEPARENT)).isNull();
        assertThat(read).isEqualTo(sent);
    }

    @Test
    void recordOfAnotherTypeIsRejectedByATypedRead() {
        ProducerRecord<String, byte[]> completed = events.toProducerRecord(SampleEvents.signCompleted(), null);

        assertThatThrownBy(() -> events.fromConsumerRecord(consumed(completed), EventTypes.SIGN_REQUESTED_V1))
                .isInstanceOf(EventContractException.class)
                .hasMessageContaining("expected signet.sign.requested.v1 but got signet.sign.completed.v1");
    }

    @Test
    void unknownTypeOrVersionIsRejected() {
        ProducerRecord<String, byte[]> record = events.toProducerRecord(SampleEvents.signRequested(), null);
        replaceHeader(record, Headers.CE_TYPE, "signet.sign.requested.v2");

        assertThatThrownBy(() -> events.fromConsumerRecord(consumed(record)))
                .isInstanceOf(EventContractException.class)
                .hasMessageContaining("unknown event type signet.sign.requested.v2");
        assertThatThrownBy(() -> events.fromConsumerRecord(consumed(record), EventTypes.SIGN_REQUESTED_V1))
                .isInstanceOf(EventContractException.class);
    }

    @Test
    void recordWithoutSpecVersionIsNotACloudEvent() {
        ProducerRecord<String, byte[]> record = events.toProducerRecord(SampleEvents.signRequested(), null);
        record.headers().remove(Headers.CE_SPECVERSION);

        assertThatThrownBy(() -> events.fromConsumerRecord(consumed(record)))
                .isInstanceOf(EventContractException.class)
                .hasMessageContaining("not a CloudEvent");
    }

    @Test
    void olderSpecVersionIsRejected() {
        ProducerRecord<String, byte[]> record = events.toProducerRecord(SampleEvents.signRequested(), null);
        replaceHeader(record, Headers.CE_SPECVERSION, "0.3");

        assertThatThrownBy(() -> events.fromConsumerRecord(consumed(record)))
                .isInstanceOf(EventContractException.class)
                .hasMessageContaining("unsupported CloudEvents version");
    }

    @Test
    void nonJsonContentTypeIsRejected() {
        ProducerRecord<String, byte[]> record = events.toProducerRecord(SampleEvents.signRequested(), null);
        replaceHeader(record, Headers.CONTENT_TYPE, "application/avro");

        assertThatThrownBy(() -> events.fromConsumerRecord(consumed(record)))
                .isInstanceOf(EventContractException.class)
                .hasMessageContaining("content type");
    }

    @Test
    void payloadThatBreaksTheContractIsRejectedWithoutQuotingIt() {
        ProducerRecord<String, byte[]> valid = events.toProducerRecord(SampleEvents.signRequested(), null);
        String json = new String(valid.value(), StandardCharsets.UTF_8)
                .replace(
                        "\"nonce\":\"nonce-1\"",
                        "\"nonce\":\"nonce-1\",\"signer\":{\"subject\":\"s\",\"birthdate\":\"Secret-Value\"}");
        ProducerRecord<String, byte[]> broken = new ProducerRecord<>(
                valid.topic(), null, valid.key(), json.getBytes(StandardCharsets.UTF_8), valid.headers());

        assertThatThrownBy(() -> events.fromConsumerRecord(consumed(broken), EventTypes.SIGN_REQUESTED_V1))
                .isInstanceOf(EventContractException.class)
                .hasMessageContaining("/signer/birthdate")
                .hasMessageNotContaining("Secret-Value")
                .hasNoCause();
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void replaceHeader(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().remove(name);
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    // What a consumer would see for the produced record: same topic, key, value and headers.
    private static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> sent) {
        return new ConsumerRecord<>(
                sent.topic(),
                0,
                17L,
                NOW.toEpochMilli(),
                TimestampType.CREATE_TIME,
                -1,
                sent.value().length,
                sent.key(),
                sent.value(),
                new RecordHeaders(sent.headers().toArray()),
                Optional.empty());
    }
}
