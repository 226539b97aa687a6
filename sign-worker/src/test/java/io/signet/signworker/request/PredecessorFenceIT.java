package io.signet.signworker.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.signet.embedded.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sign-worker killed inside a Kafka transaction leaves it open; on a real broker, the restarted worker's fence
 * aborts it at once, so read_committed readers see the results written after it without waiting for the broker's
 * transaction timeout (60 s, the requests' deadline).
 */
class PredecessorFenceIT {

    private static final String TOPIC = "fence-it";
    private static final String PREFIX = "sign-worker-fence-it-";

    @TempDir
    Path dataDir;

    @Test
    void fenceAbortsTheOpenTransactionOfAKilledPredecessorOnAnySuffix() {
        try (KafkaBroker kafka = KafkaBroker.start(dataDir, 0)) {
            kafka.createTopics(List.of(TOPIC), 1);
            Map<String, Object> common = Map.of("bootstrap.servers", kafka.bootstrap());

            // The predecessor: its transaction on suffix 1 wrote a result and was never committed (the process died).
            KafkaProducer<String, String> predecessor = transactional(common, PREFIX + "1");
            predecessor.initTransactions();
            predecessor.beginTransaction();
            predecessor.send(new ProducerRecord<>(TOPIC, 0, "lost", "result of the killed worker"));
            predecessor.flush();
            // A result committed after it, on the same partition.
            KafkaProducer<String, String> successor = transactional(common, "another-instance-0");
            successor.initTransactions();
            successor.beginTransaction();
            successor.send(new ProducerRecord<>(TOPIC, 0, "kept", "result of another worker"));
            successor.commitTransaction();
            successor.close();

            try (KafkaConsumer<String, String> reader = readCommitted(common)) {
                assertThat(pollFor(reader, Duration.ofSeconds(3)))
                        .as("the open transaction holds the committed result back")
                        .isEmpty();

                new PredecessorFence(common, PREFIX, 3, Duration.ofSeconds(30)).start();

                List<String> seen = new ArrayList<>();
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    pollFor(reader, Duration.ofMillis(200)).forEach(r -> seen.add(r.key()));
                    assertThat(seen).containsExactly("kept");
                });
            }
            assertThatThrownBy(predecessor::commitTransaction).isInstanceOf(ProducerFencedException.class);
            predecessor.close(Duration.ZERO);
        }
    }

    private static KafkaProducer<String, String> transactional(Map<String, Object> common, String transactionalId) {
        Map<String, Object> config = new HashMap<>(common);
        config.put("transactional.id", transactionalId);
        config.put("transaction.timeout.ms", 60_000);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> readCommitted(Map<String, Object> common) {
        Map<String, Object> config = new HashMap<>(common);
        config.put("isolation.level", "read_committed");
        KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        return consumer;
    }

    private static List<ConsumerRecord<String, String>> pollFor(KafkaConsumer<String, String> reader, Duration time) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long end = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < end) {
            reader.poll(Duration.ofMillis(100)).forEach(records::add);
        }
        return records;
    }
}
