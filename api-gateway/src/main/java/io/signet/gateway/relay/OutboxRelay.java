package io.signet.gateway.relay;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.signet.schemas.EventCodec;
import io.signet.schemas.KafkaCloudEvents;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The outbox relay: while this instance holds the cluster's relay lock, a Debezium embedded engine (PostgreSQL
 * connector, pgoutput, the outbox publication) streams outbox inserts to Kafka through {@link OutboxPublisher}.
 * Standbys retry the lock every {@code lockRetryInterval}; the active one checks its lock session at the same pace
 * and stops relaying when it lost it. If the engine fails (Kafka or PostgreSQL away), it is restarted from the stored
 * offsets while the lock is held; if anything else fails, the lock is released and the loop starts over.
 *
 * <p>Thread-safety: {@link #start}/{@link #stop} may be called from any thread; the work happens on one platform
 * thread owned by this object plus the engine's own thread.
 */
public class OutboxRelay implements SmartLifecycle, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final RelayProperties properties;
    private final PostgresEndpoint endpoint;
    private final Supplier<Producer<String, byte[]>> producers;
    private final KafkaCloudEvents cloudEvents;
    private final EventCodec codec;
    private final String name;
    private final AtomicLong published = new AtomicLong();
    private final Object monitor = new Object();

    private volatile boolean running;
    private volatile boolean active;
    private volatile Thread thread;
    private volatile DebeziumEngine<?> engine;

    public OutboxRelay(
            RelayProperties properties,
            PostgresEndpoint endpoint,
            Supplier<Producer<String, byte[]>> producers,
            KafkaCloudEvents cloudEvents,
            EventCodec codec,
            String name) {
        this.properties = properties;
        this.endpoint = endpoint;
        this.producers = producers;
        this.cloudEvents = cloudEvents;
        this.codec = codec;
        this.name = name;
    }

    @Override
    public void start() {
        synchronized (monitor) {
            if (running) {
                return;
            }
            running = true;
            thread = Thread.ofPlatform().name("signet-relay-" + name).daemon().start(this::leadershipLoop);
        }
    }

    @Override
    public void stop() {
        Thread current;
        synchronized (monitor) {
            if (!running) {
                return;
            }
            running = false;
            monitor.notifyAll();
            current = thread;
        }
        closeEngine();
        if (current != null) {
            try {
                current.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return properties.autoStartup();
    }

    /** Stop after the web server (which is stopped in a later phase) so that accepted requests keep flowing. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }

    /** True while this instance holds the relay lock (it relays or is about to). */
    public boolean isActive() {
        return active;
    }

    /** Events this instance published and Kafka acknowledged since it started. */
    public long published() {
        return published.get();
    }

    private void leadershipLoop() {
        while (running) {
            Optional<RelayLock> lock;
            try {
                lock = RelayLock.tryAcquire(endpoint, properties.lockKey());
            } catch (SQLException e) {
                log.warn("Relay {} cannot reach PostgreSQL for the relay lock: {}", name, e.getSQLState());
                pause(properties.lockRetryInterval());
                continue;
            }
            if (lock.isEmpty()) {
                pause(properties.lockRetryInterval());
                continue;
            }
            boolean failed = false;
            try (RelayLock held = lock.get()) {
                active = true;
                log.info("Relay {} holds the relay lock and starts relaying", name);
                relayWhileHolding(held);
            } catch (RuntimeException e) {
                // Failures outside the engine, such as a Kafka producer that cannot be made while the broker's name
                // does not resolve: the lock is released (another instance may take over) and taken again after a
                // pause, so that the relay never stops for good while the gateway goes on accepting requests.
                log.warn("Relay {} failed: {}", name, e.toString());
                failed = true;
            } finally {
                active = false;
                log.info("Relay {} released the relay lock", name);
            }
            if (failed) {
                pause(properties.lockRetryInterval());
            }
        }
    }

    private void relayWhileHolding(RelayLock lock) {
        while (running) {
            lock.evictStaleStreamer(properties.slotName());
            ExecutorService executor = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform()
                    .name("signet-relay-engine-" + name)
                    .daemon()
                    .unstarted(r));
            Producer<String, byte[]> producer = producers.get();
            try {
                DebeziumEngine<RecordChangeEvent<SourceRecord>> created = DebeziumEngine.create(
                                ChangeEventFormat.of(Connect.class))
                        .using(engineProperties())
                        .notifying(new OutboxPublisher(producer, cloudEvents, codec, published::addAndGet))
                        .using((success, message, error) -> {
                            if (!success && running) {
                                log.warn("Relay {} engine stopped: {}", name, message);
                            }
                        })
                        .build();
                engine = created;
                Future<?> run = executor.submit(created);
                while (running && !run.isDone()) {
                    pause(properties.lockRetryInterval());
                    if (!lock.stillHeld()) {
                        log.warn("Relay {} lost its lock session; stops relaying", name);
                        return;
                    }
                }
                if (running) {
                    pause(properties.lockRetryInterval()); // engine failed; restart it from the stored offsets
                }
            } finally {
                closeEngine();
                // Let the engine finish its shutdown (final offset commit) instead of interrupting it.
                executor.shutdown();
                awaitTermination(executor);
                producer.close(Duration.ofSeconds(10));
            }
        }
    }

    private void closeEngine() {
        DebeziumEngine<?> current = engine;
        engine = null;
        if (current != null) {
            try {
                current.close();
            } catch (IOException | RuntimeException e) {
                log.warn(
                        "Relay {} engine did not close cleanly: {}",
                        name,
                        e.getClass().getSimpleName());
            }
        }
    }

    private void awaitTermination(ExecutorService executor) {
        try {
            if (!executor.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void pause(Duration duration) {
        synchronized (monitor) {
            if (!running) {
                return;
            }
            try {
                monitor.wait(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    Properties engineProperties() {
        Properties p = new Properties();
        p.setProperty("name", "signet-gateway-relay");
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("offset.storage", JdbcOffsetBackingStore.class.getName());
        p.setProperty(JdbcOffsetBackingStore.URL, endpoint.jdbcUrl());
        setIfPresent(p, JdbcOffsetBackingStore.USER, endpoint.user());
        setIfPresent(p, JdbcOffsetBackingStore.PASSWORD, endpoint.password());
        p.setProperty(
                "offset.flush.interval.ms",
                Long.toString(properties.offsetFlushInterval().toMillis()));
        p.setProperty("database.hostname", endpoint.host());
        p.setProperty("database.port", Integer.toString(endpoint.port()));
        p.setProperty("database.dbname", endpoint.database());
        setIfPresent(p, "database.user", endpoint.user());
        setIfPresent(p, "database.password", endpoint.password());
        p.setProperty("topic.prefix", "signet-gateway");
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", properties.slotName());
        p.setProperty("publication.name", properties.publicationName());
        p.setProperty("publication.autocreate.mode", "disabled");
        p.setProperty("table.include.list", "gateway.outbox");
        // The slot is created before the first request is accepted, so everything is in the stream; the table
        // itself is always empty (insert-then-delete), a snapshot would find nothing.
        p.setProperty("snapshot.mode", "no_data");
        p.setProperty("tombstones.on.delete", "false");
        p.setProperty(
                "poll.interval.ms", Long.toString(properties.pollInterval().toMillis()));
        p.setProperty("max.batch.size", Integer.toString(properties.maxBatchSize()));
        p.setProperty("max.queue.size", Integer.toString(properties.maxBatchSize() * 4));
        // Lets the slot advance while other schemas write and the outbox is quiet.
        p.setProperty("heartbeat.interval.ms", "10000");
        p.setProperty("errors.max.retries", "3");
        return p;
    }

    private static void setIfPresent(Properties p, String key, String value) {
        if (value != null) {
            p.setProperty(key, value);
        }
    }
}
