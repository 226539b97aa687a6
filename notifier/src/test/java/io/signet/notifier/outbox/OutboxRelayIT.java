package io.signet.notifier.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signet.notifier.support.NotifierStack;
import io.signet.schemas.EventCodec;
import io.signet.schemas.KafkaCloudEvents;
import io.signet.schemas.ResultsPurged;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The outbox relay while Kafka does not answer: it waits on its own thread, not its caller's, holds no database
 * transaction open while it waits, keeps other runs off the batch it is sending, and gives the batch back when the
 * broker does not take it, so that the next run publishes it.
 */
class OutboxRelayIT {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(3);

    @Test
    void aBatchKafkaDoesNotTakeIsClaimedWithoutAnOpenTransactionAndGivenBackForTheNextRun() throws Exception {
        try (ConfigurableApplicationContext notifier = NotifierStack.startNotifier(
                        "notifier_outbox_relay",
                        "outbox-relay-it",
                        // The service's own relay runs only when this test calls it.
                        Map.of("signet.notifier.outbox.poll-interval", "1h"));
                OutboxRelay unreachable = relayToAnUnreachableBroker(notifier)) {
            Jdbi jdbi = notifier.getBean(Jdbi.class);
            OutboxDao outbox = jdbi.onDemand(OutboxDao.class);
            OutboxRelay relay = notifier.getBean(OutboxRelay.class);
            jdbi.useTransaction(handle -> notifier.getBean(Outbox.class)
                    .add(
                            handle,
                            new ResultsPurged(
                                    UUID.randomUUID().toString(), Instant.now(), 0, 0, null, null, Instant.now())));

            // Returns at once (the deadline sweep calls it): the run waits for Kafka on the relay's own thread. A
            // blocking call would return only after the batch was given back, and it would never be seen claimed.
            unreachable.relaySoon();
            await().atMost(Duration.ofSeconds(10)).until(() -> outbox.claimed() == 1);
            long claimedAt = System.nanoTime();
            // A run elsewhere skips the batch under lease.
            assertThat(relay.relay()).isZero();
            while (System.nanoTime() - claimedAt < Duration.ofMillis(1500).toNanos() && outbox.claimed() == 1) {
                Thread.sleep(100);
            }
            assertThat(outbox.claimed()).as("still waiting for Kafka").isEqualTo(1);
            assertThat(transactionsOpenLongerThanOneSecond(jdbi))
                    .as("no transaction stays open while Kafka is waited for")
                    .isZero();

            await("the batch was given back")
                    .atMost(SEND_TIMEOUT.multipliedBy(3))
                    .until(() -> outbox.claimed() == 0);
            assertThat(outbox.count()).isEqualTo(1);

            assertThat(relay.relay()).isEqualTo(1);
            assertThat(outbox.count()).isZero();
        }
    }

    private static int transactionsOpenLongerThanOneSecond(Jdbi jdbi) {
        return jdbi.withHandle(handle -> handle.createQuery("select count(*) from pg_stat_activity"
                        + " where datname = current_database() and pid <> pg_backend_pid()"
                        + " and xact_start < now() - interval '1 second'")
                .mapTo(Integer.class)
                .one());
    }

    /** A relay over the service's database whose producer points at a port nothing listens on. */
    private static OutboxRelay relayToAnUnreachableBroker(ConfigurableApplicationContext notifier) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        var producer = new KafkaProducer<>(
                Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        "127.0.0.1:" + closedPort,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        SEND_TIMEOUT.toMillis()),
                new StringSerializer(),
                new ByteArraySerializer());
        return new OutboxRelay(
                notifier.getBean(Jdbi.class),
                producer,
                notifier.getBean(KafkaCloudEvents.class),
                notifier.getBean(EventCodec.class),
                new OutboxProperties(Duration.ofHours(1), 100, SEND_TIMEOUT));
    }
}
