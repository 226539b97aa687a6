package io.signet.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signet.gateway.auth.RpClient;
import io.signet.gateway.dev.DevCredentials;
import io.signet.gateway.sign.Accepted;
import io.signet.gateway.sign.Intake;
import io.signet.gateway.sign.OnetimeRequestParser;
import io.signet.gateway.sign.SignRequestHandler;
import io.signet.gateway.support.GatewayClient;
import io.signet.gateway.support.TestStack;
import io.signet.gateway.support.TopicWatcher;
import io.signet.schemas.EventCodec;
import io.signet.schemas.KafkaCloudEvents;
import io.signet.schemas.SignerClaims;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The relay on the real stack: requests accepted while no relay runs are all published once one starts, and of two
 * relays only one is active, the other takes over within 10 s when it dies, losing nothing.
 */
class OutboxRelayIT {

    static ConfigurableApplicationContext gateway;
    static TopicWatcher topic;
    static SignRequestHandler handler;
    static final OnetimeRequestParser parser = new OnetimeRequestParser();
    static final RpClient rp = new RpClient(DevCredentials.RP_ID, null, null, List.of(), null);

    @BeforeAll
    static void start() {
        gateway = TestStack.startGateway(Map.of("signet.gateway.relay.auto-startup", "false"));
        handler = gateway.getBean(SignRequestHandler.class);
        topic = new TopicWatcher(TestStack.stack().kafka().orElseThrow().bootstrap());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        topic.close();
        gateway.close();
    }

    static OutboxRelay relay(String name) {
        var producerConfig = RelayConfiguration.producerConfig(gateway.getBean(KafkaProperties.class));
        return new OutboxRelay(
                gateway.getBean(RelayProperties.class),
                gateway.getBean(PostgresEndpoint.class),
                () -> new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer()),
                gateway.getBean(KafkaCloudEvents.class),
                gateway.getBean(EventCodec.class),
                name);
    }

    static String accept() {
        byte[] body = GatewayClient.validBody().getBytes(StandardCharsets.UTF_8);
        Accepted accepted = handler.accept(
                new Intake(rp, SignerClaims.ofSubject("bulk-signer"), parser.parse(body), body, null, null));
        return accepted.signatureId();
    }

    static List<String> acceptMany(int count) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<String>> futures = new ArrayList<>();
            IntStream.range(0, count).forEach(i -> futures.add(pool.submit(OutboxRelayIT::accept)));
            List<String> ids = new ArrayList<>(count);
            for (Future<String> future : futures) {
                ids.add(future.get());
            }
            return ids;
        }
    }

    @Test
    void tenThousandRequestsAcceptedWhileNoRelayRunsAllReachKafkaOnceItStarts() throws Exception {
        assertThat(gateway.getBean(OutboxRelay.class).isRunning()).isFalse();
        List<String> ids = acceptMany(10_000);
        assertThat(Set.copyOf(ids)).hasSize(10_000);
        assertThat(ids).noneMatch(topic::hasKey);

        try (OutboxRelay relay = relay("bulk")) {
            relay.start();
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> ids.stream().allMatch(topic::hasKey));
        }
        // Duplicates are allowed on the wire, but every copy of one request carries the same event id.
        for (String id : ids.subList(0, 200)) {
            assertThat(topic.forKey(id).stream()
                            .map(r -> new String(r.headers().lastHeader("ce_id").value()))
                            .distinct())
                    .hasSize(1);
        }
    }

    @Test
    void aRelayWhoseKafkaProducerCannotBeMadeTriesAgainAndRelays() throws Exception {
        var producerConfig = RelayConfiguration.producerConfig(gateway.getBean(KafkaProperties.class));
        Map<String, Object> unresolvable = new HashMap<>(producerConfig);
        // What a relay meets while Kafka's DNS name is gone (its container restarting): the producer cannot be made.
        unresolvable.put("bootstrap.servers", "kafka.invalid:9092");
        AtomicInteger attempts = new AtomicInteger();
        try (OutboxRelay relay = new OutboxRelay(
                gateway.getBean(RelayProperties.class),
                gateway.getBean(PostgresEndpoint.class),
                () -> new KafkaProducer<>(
                        attempts.getAndIncrement() == 0 ? unresolvable : producerConfig,
                        new StringSerializer(),
                        new ByteArraySerializer()),
                gateway.getBean(KafkaCloudEvents.class),
                gateway.getBean(EventCodec.class),
                "unresolvable-first")) {
            relay.start();
            String id = accept();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> topic.hasKey(id));
            assertThat(attempts.get()).as("producers made").isGreaterThanOrEqualTo(2);
            assertThat(relay.isActive()).isTrue();
        }
    }

    @Test
    void ofTwoRelaysOneIsActiveAndTheOtherTakesOverWithinTenSecondsLosingNothing() throws Exception {
        OutboxRelay first = relay("first");
        OutboxRelay second = relay("second");
        first.start();
        second.start();
        try {
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> first.isActive() || second.isActive());
            OutboxRelay active = first.isActive() ? first : second;
            OutboxRelay standby = active == first ? second : first;
            // Give the standby a few lock attempts: it must stay passive while the active one lives.
            String probe = accept();
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> topic.hasKey(probe));
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> !standby.isActive());
            assertThat(active.isActive()).isTrue();

            // A stream of requests while the active relay is killed.
            Set<String> ids = ConcurrentHashMap.newKeySet();
            AtomicBoolean streaming = new AtomicBoolean(true);
            Thread producer = Thread.ofPlatform().start(() -> {
                while (streaming.get()) {
                    ids.add(accept());
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> ids.size() > 500);
            active.close();
            long killedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20))
                    .until(standby::isActive);
            assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(10)).until(() -> ids.size() > 2_000);
            streaming.set(false);
            producer.join();

            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> ids.stream().allMatch(topic::hasKey));
            for (String id : ids) {
                List<ConsumerRecord<String, byte[]>> copies = topic.forKey(id);
                assertThat(copies.stream()
                                .map(r -> new String(
                                        r.headers().lastHeader("ce_id").value()))
                                .distinct())
                        .hasSize(1);
            }
        } finally {
            first.close();
            second.close();
        }
    }
}
