package io.signet.notifier.support;

import io.signet.embedded.EmbeddedStack;
import io.signet.embedded.KafkaBroker;
import io.signet.embedded.PostgresServer;
import io.signet.embedded.StackOptions;
import io.signet.notifier.NotifierApplication;
import io.signet.schemas.CloudEventEnvelope;
import io.signet.schemas.KafkaCloudEvents;
import io.signet.schemas.SignetEvent;
import io.signet.schemas.Topics;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
import org.awaitility.Awaitility;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The real embedded PostgreSQL and Kafka broker, started once per test JVM, and notifier instances on them. Each
 * test class gets its own database and consumer group, so that classes do not see each other's results.
 */
public final class NotifierStack {

    /** Secret of the test relying parties (32 bytes). */
    public static final String SECRET = "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    private static EmbeddedStack stack;
    private static KafkaProducer<String, byte[]> producer;
    private static final KafkaCloudEvents CLOUD_EVENTS = new KafkaCloudEvents("sign-worker");

    /**
     * A broker at this address instead of one in this JVM (the benchmark runs its own in a process of its own, as a
     * deployed notifier would have it).
     */
    public static final String EXTERNAL_KAFKA_PROPERTY = "signet.test.kafka-bootstrap";

    private NotifierStack() {}

    public static synchronized EmbeddedStack stack() {
        if (stack == null) {
            // Under this module's target directory, wherever the JVM was started from.
            Path dataDir = testClasses().getParent().resolve("it-stack");
            stack = EmbeddedStack.start(StackOptions.in(dataDir)
                    .withWipe(true)
                    .withSoftHsm(false)
                    .withKafka(System.getProperty(EXTERNAL_KAFKA_PROPERTY) == null)
                    .withShutdownHook(true));
            KafkaBroker.createTopics(
                    bootstrap(),
                    List.of(
                            Topics.SIGN_REQUESTED,
                            Topics.SIGN_COMPLETED,
                            Topics.SIGN_FAILED,
                            Topics.dlt(Topics.SIGN_REQUESTED),
                            Topics.dlt(Topics.SIGN_COMPLETED),
                            Topics.dlt(Topics.SIGN_FAILED)),
                    1);
        }
        return stack;
    }

    /** The broker's {@code bootstrap.servers}: the external one, else the stack's. */
    public static String bootstrap() {
        String external = System.getProperty(EXTERNAL_KAFKA_PROPERTY);
        return external != null ? external : stack().kafka().orElseThrow().bootstrap();
    }

    private static Path testClasses() {
        try {
            return Path.of(NotifierStack.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates database {@code name} owned by the service role, if missing; returns its JDBC URL. */
    public static String database(String name) {
        PostgresServer postgres = stack().postgres().orElseThrow();
        try (Connection connection = postgres.superuserConnection();
                Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("select 1 from pg_database where datname = '" + name + "'");
            if (!exists.next()) {
                statement.execute("create database " + name + " owner " + postgres.username());
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return postgres.jdbcUrl().substring(0, postgres.jdbcUrl().lastIndexOf('/') + 1) + name;
    }

    /**
     * Starts a notifier on {@code database} with consumer group {@code group}, a compressed retry schedule, loopback
     * allow-listed, and waits until its listeners own their partitions. {@code extra} overrides any property.
     */
    public static ConfigurableApplicationContext startNotifier(
            String database, String group, Map<String, String> extra) {
        return startNotifier(database, group, extra, Map.of());
    }

    /** As above, with {@code beans} registered before the configuration is read (they replace the defaults). */
    public static ConfigurableApplicationContext startNotifier(
            String database, String group, Map<String, String> extra, Map<String, Object> beans) {
        PostgresServer postgres = stack().postgres().orElseThrow();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("spring.datasource.url", database(database));
        properties.put("spring.datasource.username", postgres.username());
        properties.put("spring.datasource.password", postgres.password());
        properties.put("spring.kafka.bootstrap-servers", bootstrap());
        properties.put("spring.kafka.consumer.group-id", group);
        properties.put("signet.notifier.callbacks.allow-list", "127.0.0.0/8,::1");
        properties.put("signet.notifier.callbacks.allow-http", "true");
        properties.put("signet.notifier.delivery.schedule", "0s,200ms,200ms,200ms,200ms");
        properties.put("signet.notifier.delivery.jitter", "0");
        properties.put("signet.notifier.delivery.timeout", "2s");
        properties.put("signet.notifier.delivery.lease", "5s");
        properties.put("signet.notifier.delivery.poll-interval", "100ms");
        properties.put("signet.notifier.deadline.sweep-interval", "200ms");
        properties.put("signet.notifier.rps.rp-a.webhook-secret", SECRET);
        properties.put("signet.notifier.rps.rp-b.webhook-secret", SECRET);
        properties.put("logging.level.org.apache.kafka", "WARN");
        properties.put("logging.level.kafka", "WARN");
        properties.put("logging.level.state.change.logger", "WARN");
        properties.putAll(extra);
        String[] args = properties.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
        var application = NotifierApplication.application();
        application.addInitializers(context ->
                beans.forEach((name, bean) -> context.getBeanFactory().registerSingleton(name, bean)));
        ConfigurableApplicationContext context = application.run(args);
        KafkaListenerEndpointRegistry registry = context.getBean(KafkaListenerEndpointRegistry.class);
        Awaitility.await("listeners own their partitions")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> registry.getListenerContainers().stream().allMatch(NotifierStack::assigned));
        return context;
    }

    private static boolean assigned(MessageListenerContainer container) {
        var partitions = container.getAssignedPartitions();
        return partitions != null && !partitions.isEmpty();
    }

    public static String baseUrl(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    /** Publishes {@code event} as sign-worker or the gateway would; returns its CloudEvents id. */
    public static String publish(SignetEvent event) {
        return send(CLOUD_EVENTS.toProducerRecord(event, null));
    }

    /** Publishes {@code event} with a given CloudEvents id (a redelivery). */
    public static String publish(SignetEvent event, String eventId) {
        var envelope = CLOUD_EVENTS.envelope(event, null);
        return send(CLOUD_EVENTS.toProducerRecord(new io.signet.schemas.CloudEventEnvelope<>(
                eventId,
                envelope.type(),
                envelope.source(),
                envelope.subject(),
                envelope.time(),
                null,
                envelope.payload())));
    }

    /** Publishes without waiting for the broker's acknowledgement (benchmarks); see {@link #flush()}. */
    public static void publishAsync(SignetEvent event) {
        producer().send(CLOUD_EVENTS.toProducerRecord(event, null));
    }

    public static void flush() {
        producer().flush();
    }

    /**
     * The events the notifier published on {@code topic} with record key {@code key}, read from the topic's start
     * until at least one arrived (within 30 s).
     */
    public static List<CloudEventEnvelope<?>> published(String topic, String key) {
        KafkaCloudEvents cloudEvents = new KafkaCloudEvents("test");
        List<CloudEventEnvelope<?>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "test-reader-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                            if (key.equals(record.key())) {
                                found.add(cloudEvents.fromConsumerRecord(record));
                            }
                        }
                        return !found.isEmpty();
                    });
        }
        return found;
    }

    public static String send(ProducerRecord<String, byte[]> record) {
        try {
            producer().send(record).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
        var id = record.headers().lastHeader("ce_id");
        return id == null ? null : new String(id.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            bootstrap(),
                            ProducerConfig.ACKS_CONFIG,
                            "all",
                            // Latency is measured from send(): do not let the producer hold records back 5 ms
                            // (Kafka 4's default) waiting for a fuller batch.
                            ProducerConfig.LINGER_MS_CONFIG,
                            1),
                    new StringSerializer(),
                    new ByteArraySerializer());
        }
        return producer;
    }
}
