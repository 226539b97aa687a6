package io.signet.notifier.result;

import static io.signet.notifier.support.NotifierStack.baseUrl;
import static io.signet.notifier.support.NotifierStack.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signet.embedded.PostgresServer;
import io.signet.notifier.support.Events;
import io.signet.notifier.support.Http;
import io.signet.notifier.support.NotifierStack;
import io.signet.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Sign events that reach the notifier while its PostgreSQL is down. */
class ResultStoreOutageIT {

    /**
     * Longer than the bounded retries of an event that fails on its own (six, about 11 s apart from the first to the
     * last, each failing at once here), after which it would be dead-lettered.
     */
    private static final Duration OUTAGE = Duration.ofSeconds(20);

    private static ConfigurableApplicationContext notifier;

    @BeforeAll
    static void start() {
        notifier = NotifierStack.startNotifier(
                "notifier_outage",
                "outage-it",
                // Each attempt fails at once instead of after the pool's usual 5 s wait for a connection.
                Map.of("spring.datasource.hikari.connection-timeout", "250"));
    }

    @AfterAll
    static void stop() {
        if (notifier != null) {
            notifier.close();
        }
    }

    @Test
    void eventsArrivingWhileTheDatabaseIsDownAreStoredWhenItIsBackAndNeverDeadLettered() throws Exception {
        String id = Events.newId();
        PostgresServer postgres = NotifierStack.stack().postgres().orElseThrow();
        postgres.stopImmediately();
        try {
            publish(Events.requested(id, "rp-a", null, Duration.ofMinutes(5)));
            publish(Events.completed(id, "rp-a", new byte[] {4, 5, 6}));
            // For the whole outage a poll is told to come back, not that the notifier failed.
            assertThat(result(id).body().get("error").asString()).isEqualTo("database unavailable, retry later");
            await().during(OUTAGE)
                    .atMost(OUTAGE.plusSeconds(30))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> result(id).status() == 503);
        } finally {
            postgres.restart();
        }

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> "OK".equals(result(id).body().at("/status/code").asString()));
        assertThat(result(id).body().get("signature").asString())
                .isEqualTo(Base64.getEncoder().encodeToString(new byte[] {4, 5, 6}));
        assertThat(deadLettered(id)).isEmpty();
    }

    private static Http.Response result(String signatureId) {
        return Http.get(baseUrl(notifier) + "/internal/results/" + signatureId + "?rpId=rp-a&waitSeconds=0");
    }

    /** The records with key {@code key} on the notifier's dead-letter topics, read to their current ends. */
    private static List<String> deadLettered(String key) {
        List<TopicPartition> partitions = List.of(
                new TopicPartition(Topics.dlt(Topics.SIGN_REQUESTED), 0),
                new TopicPartition(Topics.dlt(Topics.SIGN_COMPLETED), 0),
                new TopicPartition(Topics.dlt(Topics.SIGN_FAILED), 0));
        List<String> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, NotifierStack.bootstrap()),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        found.add(record.topic() + "@" + record.offset());
                    }
                }
            }
        }
        return found;
    }
}
