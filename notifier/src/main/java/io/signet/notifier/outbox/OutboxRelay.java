package io.signet.notifier.outbox;

import io.signet.schemas.CloudEventEnvelope;
import io.signet.schemas.EventCodec;
import io.signet.schemas.EventContractException;
import io.signet.schemas.EventType;
import io.signet.schemas.EventTypes;
import io.signet.schemas.KafkaCloudEvents;
import io.signet.schemas.SignetEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Publishes the outbox's rows to Kafka, oldest first, and deletes each batch only after the broker acknowledged all
 * its records: at-least-once, with the stored CloudEvents id, so a batch published again after a crash or a failed
 * acknowledgement is deduplicated by its consumers. A batch is claimed with a committed lease, so no transaction stays
 * open while Kafka answers; rows another instance holds are skipped, and a batch the broker did not take is given back
 * for the next run. Kicked right after a commit that wrote rows and every {@code poll-interval}, it runs on a thread of
 * its own. Thread-safe: one relay run at a time per instance.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final Jdbi jdbi;
    private final Producer<String, byte[]> producer;
    private final KafkaCloudEvents cloudEvents;
    private final EventCodec codec;
    private final OutboxProperties properties;
    private final ReentrantLock running = new ReentrantLock();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("notifier-outbox-relay").daemon().factory());
    private final AtomicBoolean runQueued = new AtomicBoolean();
    /** How long a claim keeps other runs off a batch: longer than sending it can take. */
    private final Duration lease;

    public OutboxRelay(
            Jdbi jdbi,
            Producer<String, byte[]> producer,
            KafkaCloudEvents cloudEvents,
            EventCodec codec,
            OutboxProperties properties) {
        this.jdbi = jdbi;
        this.producer = producer;
        this.cloudEvents = cloudEvents;
        this.codec = codec;
        this.properties = properties;
        // Sending blocks up to the producer's max.block.ms (set to send-timeout), then acknowledgements get
        // send-timeout; a run that overruns its lease only risks publishing a batch twice, which consumers dedupe.
        this.lease = properties.sendTimeout().multipliedBy(3);
    }

    @Scheduled(
            fixedDelayString = "${signet.notifier.outbox.poll-interval:10s}",
            initialDelayString = "${signet.notifier.outbox.poll-interval:10s}")
    void scheduledRelay() {
        relaySoon();
    }

    /**
     * Relays what is pending on the relay's own thread and returns at once: with Kafka away a run blocks for up to
     * twice the send timeout, which must not hold up the caller (the deadline sweep and the other scheduled tasks
     * share one scheduler thread). Calls while a run is waiting to start coalesce into it; a call during a run
     * queues one more, which picks up rows committed meanwhile.
     */
    public void relaySoon() {
        if (runQueued.compareAndSet(false, true)) {
            try {
                runner.execute(() -> {
                    runQueued.set(false);
                    relayQuietly();
                });
            } catch (RejectedExecutionException closed) {
                runQueued.set(false); // shutting down: the rows stay for the next start
            }
        }
    }

    /** Relays what is pending; a failure is logged and left to the next run (the rows stay). */
    void relayQuietly() {
        try {
            relay();
        } catch (RuntimeException e) {
            log.warn("outbox relay failed, the events stay and are published later: {}", e.toString());
        }
    }

    /**
     * Publishes every pending row; returns how many were published and deleted.
     *
     * @throws OutboxRelayException when Kafka did not acknowledge a batch (it stays in the outbox)
     */
    public int relay() {
        running.lock();
        try {
            int total = 0;
            int relayed;
            do {
                relayed = relayBatch();
                total += relayed;
            } while (relayed == properties.batchSize());
            return total;
        } finally {
            running.unlock();
        }
    }

    /** Claims, publishes and deletes one batch; returns its size. */
    private int relayBatch() {
        OutboxDao dao = jdbi.onDemand(OutboxDao.class);
        List<OutboxRow> rows = new ArrayList<>(dao.claimOldest(properties.batchSize(), lease.toMillis()));
        if (rows.isEmpty()) {
            return 0;
        }
        rows.sort(Comparator.comparingLong(OutboxRow::seq));
        long[] seqs = rows.stream().mapToLong(OutboxRow::seq).toArray();
        try {
            publish(rows);
        } catch (RuntimeException e) {
            releaseQuietly(dao, seqs);
            throw e;
        }
        dao.delete(seqs);
        return rows.size();
    }

    private static void releaseQuietly(OutboxDao dao, long[] seqs) {
        try {
            dao.release(seqs);
        } catch (RuntimeException e) {
            // Their lease runs out instead.
            log.warn("giving back {} outbox rows failed: {}", seqs.length, e.toString());
        }
    }

    private void publish(List<OutboxRow> rows) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            acks.add(producer.send(cloudEvents.toProducerRecord(envelope(row))));
        }
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException e) {
            throw new OutboxRelayException("Kafka refused an outbox event: " + e.getCause());
        } catch (TimeoutException e) {
            throw new OutboxRelayException(
                    "Kafka did not acknowledge outbox events within " + properties.sendTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutboxRelayException("interrupted while publishing outbox events");
        }
    }

    private CloudEventEnvelope<?> envelope(OutboxRow row) {
        EventType<?> type = EventTypes.byType(row.eventType())
                .orElseThrow(() -> new EventContractException("unknown event type in the outbox: " + row.eventType()));
        return envelope(row, type);
    }

    private <T extends SignetEvent> CloudEventEnvelope<T> envelope(OutboxRow row, EventType<T> type) {
        T payload = codec.fromJson(row.payload().getBytes(StandardCharsets.UTF_8), type.payloadClass());
        return new CloudEventEnvelope<>(
                row.eventId(), type, cloudEvents.source(), row.subject(), row.occurredAt(), row.traceparent(), payload);
    }

    @Override
    public void close() {
        runner.shutdownNow();
        producer.close(Duration.ofSeconds(5));
    }

    /** Kafka did not take a batch; it stays in the outbox for the next run. */
    public static final class OutboxRelayException extends RuntimeException {
        OutboxRelayException(String message) {
            super(message);
        }
    }
}
