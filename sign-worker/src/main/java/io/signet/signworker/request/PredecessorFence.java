package io.signet.signworker.request;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Aborts the open Kafka transactions of this instance's killed predecessor before the first request is consumed.
 *
 * <p>A transaction left open by a crash (killed between its first send and its commit) holds back the last stable
 * offset of every partition it wrote to: read_committed readers (the notifier) see none of the later results on those
 * partitions until the broker times it out after {@code transaction.timeout.ms}, 60 s, which is the sign requests'
 * deadline. A producer that initialises the same transactional id fences its predecessor and aborts such a
 * transaction at once; but the worker creates a producer only when a listener thread needs one, and a lightly loaded
 * restarted worker may use suffix 0 for a long time while the transaction was left open on suffix 1. So every suffix
 * the producer factory can hand out (it is bounded, see {@link SignWorkerKafkaConfiguration}) is initialised here,
 * once, before the listener containers start.
 */
final class PredecessorFence implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(PredecessorFence.class);

    private final Map<String, Object> producerConfig;
    private final String prefix;
    private final int suffixes;
    private final Duration timeout;
    private volatile boolean running;

    /**
     * @param producerConfig the transactional producer's settings (bootstrap servers, security)
     * @param prefix the instance's transactional-id prefix
     * @param suffixes how many transactional ids the producer factory uses: suffixes 0 to {@code suffixes - 1}
     * @param timeout how long to wait for the broker; past it the start goes on, and an open transaction is aborted by
     *     the broker's timeout as before
     */
    PredecessorFence(Map<String, Object> producerConfig, String prefix, int suffixes, Duration timeout) {
        this.producerConfig = Map.copyOf(producerConfig);
        this.prefix = prefix;
        this.suffixes = suffixes;
        this.timeout = timeout;
    }

    @Override
    public void start() {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture.allOf(IntStream.range(0, suffixes)
                            .mapToObj(suffix -> CompletableFuture.runAsync(() -> initialise(prefix + suffix), executor))
                            .toArray(CompletableFuture[]::new))
                    .join();
        }
        running = true;
    }

    private void initialise(String transactionalId) {
        Map<String, Object> config = new HashMap<>(producerConfig);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "sign-worker-fence-" + transactionalId);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis());
        KafkaProducer<byte[], byte[]> producer = null;
        try {
            producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
            producer.initTransactions();
            LOG.info(
                    "transactional id {} initialised: a predecessor's open transaction on it is aborted",
                    transactionalId);
        } catch (KafkaException e) {
            LOG.warn(
                    "transactional id {} not initialised ({}): a predecessor's open transaction on it ends at its timeout",
                    transactionalId,
                    e.toString());
        } finally {
            if (producer != null) {
                // Bounded: with the broker away, an unbounded close would wait for the pending request forever.
                producer.close(timeout);
            }
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    // Before the listener containers (phase Integer.MAX_VALUE - 100).
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 300;
    }
}
