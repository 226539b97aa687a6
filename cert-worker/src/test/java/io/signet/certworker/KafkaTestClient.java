package io.signet.certworker;

import io.signet.schemas.CertIssued;
import io.signet.schemas.EventTypes;
import io.signet.schemas.KafkaCloudEvents;
import io.signet.schemas.SignetEvent;
import io.signet.schemas.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plays sign-worker's side of the request-reply: sends requests, collects replies by request id on a poll thread. */
public final class KafkaTestClient implements AutoCloseable {

    public final KafkaCloudEvents events = new KafkaCloudEvents("cert-worker-test");
    public final Map<String, CertIssued> replies = new ConcurrentHashMap<>();
    /**
     * Every record by topic except replies (those are in {@link #replies}), in a queue: a copy-on-write list copied all
     * earlier records on each one.
     */
    public final Map<String, Collection<ConsumerRecord<String, byte[]>>> raw = new ConcurrentHashMap<>();

    private final KafkaProducer<String, byte[]> producer;
    private final Thread poller;
    private volatile boolean running = true;

    public KafkaTestClient(String bootstrap, List<String> topics) {
        producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.LINGER_MS_CONFIG,
                        5,
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        262144,
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new ByteArraySerializer());
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "test-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "latest",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        2000),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(topics);
        // Join the group and get an assignment before anyone sends, so "latest" loses nothing.
        while (consumer.assignment().isEmpty()) {
            consumer.poll(Duration.ofMillis(100));
        }
        consumer.seekToEnd(consumer.assignment());
        consumer.assignment().forEach(consumer::position);
        poller = Thread.ofPlatform().name("kafka-test-client").start(() -> {
            try (consumer) {
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        if (record.topic().equals(Topics.CERT_ISSUED)) {
                            CertIssued reply = events.fromConsumerRecord(record, EventTypes.CERT_ISSUED_V1)
                                    .payload();
                            replies.put(reply.requestId(), reply);
                        } else {
                            raw.computeIfAbsent(record.topic(), t -> new ConcurrentLinkedQueue<>())
                                    .add(record);
                        }
                    }
                }
            }
        });
    }

    public void send(SignetEvent event) {
        producer.send(events.toProducerRecord(event, null));
    }

    public void sendRaw(ProducerRecord<String, byte[]> record) {
        producer.send(record);
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join();
        producer.close();
    }
}
