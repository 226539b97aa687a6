package io.signet.signworker.keys;

import io.signet.schemas.KafkaCloudEvents;
import io.signet.schemas.KeyDestroyed;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each key's deletion record ({@code signet.key.destroyed}) as soon as the key is destroyed, outside the
 * batch's Kafka transaction: the destruction happened in the HSM whatever becomes of the batch, so a batch that is
 * rolled back (the worker stops under it, a commit fails) and redone with new keys must not take the record of its
 * first keys with it. Idempotent producer, acks from all replicas. Thread-safe.
 */
public final class KeyDestructionRecords implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KeyDestructionRecords.class);

    private final KafkaCloudEvents events;
    private final Producer<String, byte[]> producer;

    /**
     * @param kafkaCommon client settings shared with the rest of the service (bootstrap servers, security)
     */
    public KeyDestructionRecords(KafkaCloudEvents events, Map<String, Object> kafkaCommon) {
        this.events = events;
        Map<String, Object> config = new HashMap<>(kafkaCommon);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "sign-worker-key-records");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Sends {@code record} without waiting. A record Kafka does not take, or that comes after {@link #close()} (a batch
     * still running while the service stops), is logged by key and signature id; it never fails the caller, whose key
     * is destroyed either way.
     */
    public void publish(KeyDestroyed record, String traceparent) {
        try {
            producer.send(events.toProducerRecord(record, traceparent), (metadata, error) -> {
                if (error != null) {
                    notPublished(record, error);
                }
            });
        } catch (RuntimeException e) {
            notPublished(record, e);
        }
    }

    private static void notPublished(KeyDestroyed record, Exception error) {
        LOG.error(
                "deletion record of key {} (signature {}) not published: {}",
                record.keyId(),
                record.signatureId(),
                error.toString());
    }

    /** Sends what is still buffered (up to 10 s), then closes. */
    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
