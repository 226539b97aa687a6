package io.signet.signworker.cert;

import io.signet.schemas.CertIssued;
import io.signet.schemas.CertRequested;
import io.signet.schemas.CloudEventEnvelope;
import io.signet.schemas.EventContractException;
import io.signet.schemas.EventTypes;
import io.signet.schemas.KafkaCloudEvents;
import io.signet.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Request-reply with cert-worker over {@code signet.cert.requested} / {@code signet.cert.issued}, correlated by
 * requestId.
 *
 * <p>Requests go through their own idempotent, non-transactional producer: sent through the sign-request
 * transaction they would stay invisible to cert-worker (read_committed) until that transaction commits, which is
 * after the reply is needed. Replies are read by one consumer without a group that is assigned every partition of
 * the reply topic from its end, so every worker instance sees the replies to its own requests whatever partition
 * they land in; replies for other instances are ignored. Partitions added to the reply topic later (ops scaling
 * cert-worker) are picked up within {@link #METADATA_MAX_AGE} and read from their beginning: cert-worker's producer
 * starts writing replies to them as soon as it sees them.
 *
 * <p>A poll that fails (whatever Kafka throws) does not end the reply thread: it logs the failure once, polls again
 * after a pause growing from {@link #FIRST_PAUSE} to {@link #MAX_PAUSE}, and goes on from the positions it had, so a
 * reply that arrived meanwhile is still read. While polls fail, {@link #receivingReplies()} is false, which the
 * service's readiness reports: requests wait for replies that cannot come and end EXPIRED at their deadline.
 *
 * <p>Thread-safe: {@link #issue} may be called from many threads; one internal thread polls replies.
 */
public final class CertificateClient implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateClient.class);

    /** How old the reply consumer's metadata, and so its view of the reply topic's partitions, may get. */
    static final Duration METADATA_MAX_AGE = Duration.ofSeconds(15);

    /** How often that view is compared with the partitions assigned (cheap: it reads the cached metadata). */
    private static final Duration PARTITION_CHECK = Duration.ofSeconds(1);

    /** The pause after a first failed poll; it doubles with each failure in a row, up to {@link #MAX_PAUSE}. */
    static final Duration FIRST_PAUSE = Duration.ofMillis(500);

    static final Duration MAX_PAUSE = Duration.ofSeconds(5);

    private final CertProperties properties;
    private final KafkaCloudEvents events;
    private final Map<String, Object> kafkaCommon;
    private final Function<Map<String, Object>, Consumer<String, byte[]>> consumers;
    private final Map<String, CompletableFuture<CertIssued>> pending = new ConcurrentHashMap<>();
    /** Counted down by {@link #stop()}, to end a pause between failed polls; new at each start. */
    private volatile CountDownLatch stopped = new CountDownLatch(1);

    private volatile KafkaProducer<String, byte[]> producer;
    private volatile Consumer<String, byte[]> consumer;
    private volatile Thread poller;
    private volatile boolean running;
    /** Why the last poll failed, null while polls succeed. */
    private volatile String pollFailure;

    /**
     * @param kafkaCommon client settings shared with the rest of the service (bootstrap servers, security)
     */
    public CertificateClient(CertProperties properties, KafkaCloudEvents events, Map<String, Object> kafkaCommon) {
        this(
                properties,
                events,
                kafkaCommon,
                config -> new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer()));
    }

    /** @param consumers makes the reply consumer from its configuration (tests wrap it to make it fail) */
    CertificateClient(
            CertProperties properties,
            KafkaCloudEvents events,
            Map<String, Object> kafkaCommon,
            Function<Map<String, Object>, Consumer<String, byte[]>> consumers) {
        this.properties = properties;
        this.events = events;
        this.kafkaCommon = Map.copyOf(kafkaCommon);
        this.consumers = consumers;
    }

    /**
     * Whether replies are being read: started, not stopped, and the last poll succeeded. False means every request
     * waiting for a certificate waits in vain until polls succeed again.
     */
    public boolean receivingReplies() {
        return running && pollFailure == null;
    }

    /** Why polling replies fails, or null while it works. */
    public String pollFailure() {
        return pollFailure;
    }

    /**
     * Sends {@code request} and waits for its reply, resending it (same requestId, the time of the resend as its
     * {@code requestedAt}) after each timeout, until {@code deadline}: a certificate that comes later is of no use, the
     * sign request has expired. cert-worker refuses a request sent after its sign request ended
     * ({@code REQUEST_ENDED}), so a redundant copy is told at its first resend after the end.
     *
     * @throws CertificateUnavailableException when no reply came by then
     */
    public CertIssued issue(CertRequested request, String traceparent, Instant deadline) {
        CompletableFuture<CertIssued> reply = new CompletableFuture<>();
        pending.put(request.requestId(), reply);
        try {
            for (int attempt = 1; attempt == 1 || Instant.now().isBefore(deadline); attempt++) {
                CertRequested sent = attempt == 1 ? request : request.resentAt(Instant.now());
                producer.send(events.toProducerRecord(sent, traceparent), (metadata, error) -> {
                    if (error != null) {
                        LOG.warn("certificate request {} not sent: {}", request.requestId(), error.toString());
                    }
                });
                // In nanoseconds: a wait cut to whole milliseconds could end just before the deadline, and the loop
                // would then send one more request that nothing can use.
                long untilDeadline =
                        Math.max(1, Duration.between(Instant.now(), deadline).toNanos());
                try {
                    return reply.get(Math.min(properties.timeout().toNanos(), untilDeadline), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    LOG.warn("no certificate for signature {} after attempt {}", request.signatureId(), attempt);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof CertificateUnavailableException unavailable) {
                        throw unavailable;
                    }
                    throw new IllegalStateException("reply future failed", e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CertificateUnavailableException("interrupted while waiting for cert-worker");
                }
            }
            throw new CertificateUnavailableException(
                    "cert-worker did not answer for signature " + request.signatureId() + " by its deadline");
        } finally {
            pending.remove(request.requestId());
        }
    }

    @Override
    public void start() {
        Map<String, Object> producerConfig = new HashMap<>(kafkaCommon);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "sign-worker-cert-requests");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        // A little lingering batches the requests of one poll into few produce calls.
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());

        Map<String, Object> consumerConfig = new HashMap<>(kafkaCommon);
        consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "sign-worker-cert-replies");
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Kafka's default is 5 min: replies written to an added partition would wait that long, past their deadline.
        consumerConfig.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) METADATA_MAX_AGE.toMillis());
        consumer = consumers.apply(consumerConfig);
        List<TopicPartition> partitions = replyPartitions();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Resolve the end offsets now, so that no reply to a request sent after start() can be skipped.
        partitions.forEach(consumer::position);
        stopped = new CountDownLatch(1);
        running = true;
        poller = Thread.ofPlatform().name("sign-worker-cert-replies").daemon().start(this::pollReplies);
        LOG.info("listening for certificate replies on {} partitions of {}", partitions.size(), Topics.CERT_ISSUED);
    }

    private List<TopicPartition> replyPartitions() {
        long deadline = System.nanoTime() + properties.startupTimeout().toNanos();
        while (true) {
            List<PartitionInfo> infos = consumer.partitionsFor(Topics.CERT_ISSUED, Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topic " + Topics.CERT_ISSUED + " has no partitions");
            }
        }
    }

    private void pollReplies() {
        long nextPartitionCheck = System.nanoTime() + PARTITION_CHECK.toNanos();
        Duration pause = FIRST_PAUSE;
        try {
            while (running) {
                try {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        CompletableFuture<CertIssued> waiting = pending.get(record.key());
                        if (waiting != null) {
                            complete(record, waiting);
                        }
                    }
                } catch (WakeupException | InterruptException e) {
                    throw e; // stop(), or an interrupt: the loop ends
                } catch (RuntimeException e) {
                    pause = failed(e, pause);
                    continue;
                }
                if (pollFailure != null) {
                    LOG.info("certificate replies are read again");
                    pollFailure = null;
                    pause = FIRST_PAUSE;
                }
                if (System.nanoTime() - nextPartitionCheck >= 0) {
                    nextPartitionCheck = System.nanoTime() + PARTITION_CHECK.toNanos();
                    listenToAddedPartitions();
                }
            }
        } catch (WakeupException | InterruptException e) {
            // stop() woke us up, or the thread was interrupted: the service stops.
        } finally {
            consumer.close(Duration.ofSeconds(1));
        }
    }

    /**
     * Records a failed poll and waits {@code pause} before the next (less if the client stops meanwhile). Logged once
     * when the failures begin, with the exception; a failure that lasts would otherwise fill the log.
     *
     * @return the pause after the next failure in a row
     */
    private Duration failed(RuntimeException failure, Duration pause) {
        if (pollFailure == null) {
            LOG.error("certificate replies cannot be read; polling again until they can", failure);
        } else {
            LOG.debug("certificate replies still cannot be read: {}", failure.toString());
        }
        pollFailure = failure.getClass().getSimpleName();
        try {
            stopped.await(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        }
        Duration next = pause.multipliedBy(2);
        return next.compareTo(MAX_PAUSE) <= 0 ? next : MAX_PAUSE;
    }

    private void listenToAddedPartitions() {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(Topics.CERT_ISSUED, Duration.ofSeconds(1));
        } catch (WakeupException | InterruptException e) {
            throw e; // stop() or an interrupt: the poll loop ends
        } catch (KafkaException e) {
            // The broker is away or refuses: the partitions already assigned keep working; look again next time.
            LOG.warn("could not look for partitions added to {}: {}", Topics.CERT_ISSUED, e.toString());
            return;
        }
        Set<TopicPartition> assigned = consumer.assignment();
        List<TopicPartition> added = infos.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .filter(p -> !assigned.contains(p))
                .toList();
        if (added.isEmpty()) {
            return;
        }
        List<TopicPartition> all = new ArrayList<>(assigned);
        all.addAll(added);
        consumer.assign(all); // keeps the positions of the partitions already assigned
        consumer.seekToBeginning(added);
        LOG.info(
                "listening for certificate replies on {} partitions of {} ({} added)",
                all.size(),
                Topics.CERT_ISSUED,
                added.size());
    }

    private void complete(ConsumerRecord<String, byte[]> record, CompletableFuture<CertIssued> waiting) {
        try {
            CloudEventEnvelope<CertIssued> reply = events.fromConsumerRecord(record, EventTypes.CERT_ISSUED_V1);
            waiting.complete(reply.payload());
        } catch (EventContractException e) {
            LOG.warn(
                    "unreadable certificate reply at {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
        }
    }

    @Override
    public void stop() {
        running = false;
        stopped.countDown();
        if (consumer != null) {
            consumer.wakeup();
        }
        if (poller != null) {
            try {
                poller.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
        }
        pending.values().forEach(f -> f.completeExceptionally(new CertificateUnavailableException("shutting down")));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    // Start before the listener container (phase Integer.MAX_VALUE - 100) and stop after it.
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }
}
