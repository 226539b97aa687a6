package io.signet.gateway.relay;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.signet.platform.logging.TraceMdc;
import io.signet.schemas.CloudEventEnvelope;
import io.signet.schemas.EventCodec;
import io.signet.schemas.EventType;
import io.signet.schemas.EventTypes;
import io.signet.schemas.KafkaCloudEvents;
import io.signet.schemas.SignetEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns outbox inserts decoded by Debezium into CloudEvents on Kafka, and confirms a batch to the engine only after
 * Kafka acknowledged every record of it (so a crash replays, never skips; a replay carries the same {@code ce_id},
 * the outbox row id). This is our own equivalent of Debezium's outbox event router: the routing is the event type's
 * topic, the key the aggregate id, and the CloudEvents headers come from the shared {@link KafkaCloudEvents} writer.
 * Called by the engine's single processing thread only.
 */
final class OutboxPublisher implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxPublisher.class);

    private final Producer<String, byte[]> producer;
    private final KafkaCloudEvents cloudEvents;
    private final EventCodec codec;
    private final Consumer<Integer> publishedCounter;

    OutboxPublisher(
            Producer<String, byte[]> producer,
            KafkaCloudEvents cloudEvents,
            EventCodec codec,
            Consumer<Integer> publishedCounter) {
        this.producer = producer;
        this.cloudEvents = cloudEvents;
        this.codec = codec;
        this.publishedCounter = publishedCounter;
    }

    @Override
    public void handleBatch(
            List<RecordChangeEvent<SourceRecord>> records,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        List<Future<RecordMetadata>> sends = new ArrayList<>(records.size());
        for (RecordChangeEvent<SourceRecord> change : records) {
            ProducerRecord<String, byte[]> record = toKafka(change.record());
            if (record != null) {
                sends.add(producer.send(record));
            }
        }
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get();
            } catch (ExecutionException e) {
                // Nothing of this batch is confirmed; the engine stops and the relay restarts it from the last
                // stored position, re-sending with the same event ids.
                throw new IllegalStateException("Kafka did not acknowledge an outbox event", e.getCause());
            }
        }
        for (RecordChangeEvent<SourceRecord> change : records) {
            committer.markProcessed(change);
        }
        committer.markBatchFinished();
        publishedCounter.accept(sends.size());
    }

    /** The Kafka record for an outbox insert; null for anything else (heartbeats, other operations). */
    ProducerRecord<String, byte[]> toKafka(SourceRecord source) {
        if (!(source.value() instanceof Struct envelope)
                || envelope.schema().field("op") == null
                || !"c".equals(envelope.getString("op"))) {
            return null;
        }
        Struct row = envelope.getStruct("after");
        EventType<?> type = EventTypes.byType(row.getString("event_type"))
                .orElseThrow(() -> new IllegalStateException("Outbox row of an unknown event type"));
        return cloudEvents.toProducerRecord(envelope(type, row));
    }

    private <T extends SignetEvent> CloudEventEnvelope<T> envelope(EventType<T> type, Struct row) {
        T payload = codec.fromJson(row.getString("payload").getBytes(StandardCharsets.UTF_8), type.payloadClass());
        if (LOG.isDebugEnabled()) {
            try (TraceMdc.Scope trace = TraceMdc.enter(row.getString("traceparent"))) {
                LOG.debug("outbox event {} of {} to Kafka", type.type(), row.getString("aggregate_id"));
            }
        }
        return new CloudEventEnvelope<>(
                row.getString("id"),
                type,
                cloudEvents.source(),
                row.getString("aggregate_id"),
                Instant.parse(row.getString("occurred_at")),
                row.getString("traceparent"),
                payload);
    }
}
