package io.signet.audit;

import io.signet.embedded.EmbeddedStack;
import io.signet.embedded.PostgresServer;
import io.signet.embedded.SoftHsm;
import io.signet.embedded.StackOptions;
import io.signet.hsm.softhsm.SoftHsmConfig;
import io.signet.schemas.CloudEventEnvelope;
import io.signet.schemas.KafkaCloudEvents;
import io.signet.schemas.SignetEvent;
import io.signet.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One embedded stack (PostgreSQL, Kafka, SoftHSM2), one test TSA and one running audit service for all ITs of the
 * module: starting them is the slow part. Registered with {@code @ExtendWith(AuditTestStack.class)}; kept in the
 * root store so that JUnit closes it after the last test.
 */
public final class AuditTestStack implements BeforeAllCallback, AutoCloseable {

    private static AuditTestStack instance;

    private EmbeddedStack stack;
    private TestTsa tsa;
    private ConfigurableApplicationContext service;
    private KafkaProducer<String, byte[]> producer;
    private Path secrets;
    private TestIdentityProvider identityProvider;
    private final KafkaCloudEvents events = new KafkaCloudEvents("audit-test");

    /** The running stack (started by the extension before the first test class that uses it). */
    public static AuditTestStack get() {
        return instance;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(AuditTestStack.class, key -> startShared(), AuditTestStack.class);
    }

    /** Starts a stack outside JUnit (the benchmark); the caller closes it. */
    public static AuditTestStack startStandalone() {
        return startShared();
    }

    private static AuditTestStack startShared() {
        AuditTestStack shared = new AuditTestStack();
        try {
            shared.start();
        } catch (Exception e) {
            shared.close();
            throw new IllegalStateException("audit test stack did not start", e);
        }
        instance = shared;
        return shared;
    }

    private void start() throws Exception {
        // audit/target/it-stack, wherever the JVM was started (Failsafe: the module; the benchmark: the repository).
        Path dataDir = Path.of(AuditTestStack.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .getParent()
                .resolve("it-stack");
        Path conf = SoftHsmConfig.confFileFromEnvironment()
                .orElseThrow(() -> new IllegalStateException("SOFTHSM2_CONF is not set; run the tests through Maven"));
        stack = EmbeddedStack.start(
                StackOptions.in(dataDir).withWipe(true).withSoftHsmConf(conf).withShutdownHook(false));
        List<String> topics = new ArrayList<>(Topics.ALL);
        Topics.ALL.forEach(topic -> topics.add(Topics.dlt(topic)));
        stack.kafka().orElseThrow().createTopics(topics, 2);
        tsa = TestTsa.start();
        secrets = Files.createDirectories(dataDir.resolve("audit-secrets"));
        identityProvider = TestIdentityProvider.create(secrets);
        Map<String, String> environment = stack.environment(SoftHsm.CA_TOKEN);
        List<String> args = new ArrayList<>();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", environment.get("SIGNET_DB_URL"));
        properties.put("spring.datasource.username", environment.get("SIGNET_DB_USER"));
        properties.put("spring.datasource.password", environment.get("SIGNET_DB_PASSWORD"));
        properties.put("spring.kafka.bootstrap-servers", environment.get("SIGNET_KAFKA_BOOTSTRAP"));
        properties.put("signet.hsm.module", environment.get("SIGNET_HSM_MODULE"));
        properties.put("signet.hsm.token-label", SoftHsm.CA_TOKEN);
        properties.put("signet.hsm.pin-file", environment.get("SIGNET_HSM_PIN_FILE"));
        properties.put(
                "signet.audit.ingest.pseudonym-key-file", pseudonymKeyFile().toString());
        properties.put("signet.audit.api.auditor-token-file", auditorTokenFile().toString());
        properties.put("signet.audit.tsa-url", tsa.url());
        properties.put("signet.idp.jwks-file", identityProvider.jwksFile().toString());
        properties.put("signet.idp.issuer", TestIdentityProvider.ISSUER);
        properties.put("signet.idp.audience", TestIdentityProvider.AUDIENCE);
        properties.put("signet.audit.head.interval", "1s");
        properties.put("server.port", "0");
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        service = AuditApplication.application().run(args.toArray(String[]::new));
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    public String bootstrap() {
        return stack.kafka().orElseThrow().bootstrap();
    }

    /** The ID provider the audit service trusts for signers and auditors. */
    TestIdentityProvider identityProvider() {
        return identityProvider;
    }

    public Path pseudonymKeyFile() {
        return secrets.resolve("audit-pseudonym.key");
    }

    public Path auditorTokenFile() {
        return secrets.resolve("auditor.token");
    }

    public TestTsa tsa() {
        return tsa;
    }

    public ConfigurableApplicationContext service() {
        return service;
    }

    /** The service's own Jdbi: its connection pool, its database role. */
    public Jdbi serviceJdbi() {
        return service.getBean(Jdbi.class);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port");
    }

    /** A superuser connection to the database (the caller closes it). */
    public Connection superuser() throws SQLException {
        PostgresServer postgres = stack.postgres().orElseThrow();
        Connection connection = postgres.superuserConnection();
        try (var statement = connection.createStatement()) {
            statement.execute("set search_path to audit");
        }
        return connection;
    }

    /** Publishes {@code payload} as a new event (fresh ce_id) and returns its envelope. */
    public <T extends SignetEvent> CloudEventEnvelope<T> publish(T payload, String traceparent) {
        CloudEventEnvelope<T> envelope = events.envelope(payload, traceparent);
        send(events.toProducerRecord(envelope));
        return envelope;
    }

    /** Publishes the record of {@code envelope} (again), e.g. to show that a redelivery adds nothing. */
    public void publish(CloudEventEnvelope<?> envelope) {
        send(events.toProducerRecord(envelope));
    }

    /**
     * Waits until the audit's consumer group has committed the end offset of every partition of every topic: all
     * that was published before is processed (offsets are committed after each batch is appended).
     */
    public void awaitCaughtUp() {
        try (Admin admin = stack.kafka().orElseThrow().admin()) {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> lag(admin) == 0);
        }
    }

    private long lag(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(
                        service.getEnvironment().getProperty("spring.kafka.consumer.group-id"))
                .partitionsToOffsetAndMetadata()
                .get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (String topic : Topics.ALL) {
            for (int partition = 0; partition < 2; partition++) {
                latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
            }
        }
        long lag = 0;
        for (var end : admin.listOffsets(latest).all().get().entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            lag += end.getValue().offset() - (done == null ? 0 : done.offset());
        }
        return lag;
    }

    public void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("publishing to " + record.topic() + " failed", e);
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close();
        }
        if (service != null) {
            service.close();
        }
        if (tsa != null) {
            tsa.close();
        }
        if (stack != null) {
            stack.close();
        }
        instance = null;
    }
}
