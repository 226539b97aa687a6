package io.signet.gateway.support;

import io.signet.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads {@code signet.sign.requested} from the beginning on a background thread and keeps every record. */
public final class TopicWatcher implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    // Not a copy-on-write list: the benchmark puts hundreds of thousands of records through, and copying them on every
    // append would take the cores from the relay it measures (and delay this thread's own receive times).
    private final Queue<ConsumerRecord<String, byte[]>> records = new ConcurrentLinkedQueue<>();
    private final Map<String, Long> receivedAtNanos = new ConcurrentHashMap<>();
    private final Map<String, Long> relayLatencyMicros = new ConcurrentHashMap<>();
    private final Set<String> eventIds = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;

    public TopicWatcher(String bootstrap) {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "test-watcher-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                        5,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        5000),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.SIGN_REQUESTED));
        thread = Thread.ofPlatform().name("topic-watcher").daemon().start(this::poll);
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    records.add(record);
                    receivedAtNanos.putIfAbsent(record.key(), System.nanoTime());
                    var time = record.headers().lastHeader("ce_time");
                    if (time != null) {
                        // ce_time is set just before the request's commit, in this JVM: same clock.
                        Instant occurred = Instant.parse(new String(time.value()));
                        relayLatencyMicros.putIfAbsent(
                                record.key(), ChronoUnit.MICROS.between(occurred, Instant.now()));
                    }
                    var id = record.headers().lastHeader("ce_id");
                    if (id != null) {
                        eventIds.add(new String(id.value()));
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    public List<ConsumerRecord<String, byte[]>> forKey(String key) {
        return records.stream().filter(r -> key.equals(r.key())).toList();
    }

    /** Microseconds from the event's {@code ce_time} (its commit) until this consumer had it, or null. */
    public Long relayLatencyMicros(String key) {
        return relayLatencyMicros.get(key);
    }

    public boolean hasKey(String key) {
        return receivedAtNanos.containsKey(key);
    }

    /** {@link System#nanoTime()} when the first record with this key arrived, or null. */
    public Long receivedAtNanos(String key) {
        return receivedAtNanos.get(key);
    }

    /** Distinct {@code ce_id}s seen (a relayed duplicate keeps its id). */
    public int distinctEvents() {
        return eventIds.size();
    }

    public int records() {
        return records.size();
    }

    public Set<String> keys() {
        return receivedAtNanos.keySet();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }
}
