package io.signet.signworker.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signet.embedded.KafkaBroker;
import io.signet.schemas.Base64Bytes;
import io.signet.schemas.CertIssued;
import io.signet.schemas.CertIssued.CertRefusal;
import io.signet.schemas.CertRequested;
import io.signet.schemas.EventTypes;
import io.signet.schemas.KafkaCloudEvents;
import io.signet.schemas.SignerClaims;
import io.signet.schemas.Topics;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The certificate client on a real broker, against a stand-in for cert-worker that refuses every request (a reply is
 * a reply). Polls of the reply consumer are made to fail for a while, as they do when the broker refuses the topic
 * (an ACL changed under the service): the client must read the replies once polls succeed again, and say meanwhile
 * that it cannot.
 */
class CertificateClientIT {

    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @TempDir
    Path dataDir;

    @Test
    void failingPollsDelayRepliesWithoutStoppingThem() {
        try (KafkaBroker kafka = KafkaBroker.start(dataDir, 0)) {
            kafka.createTopics(List.of(Topics.CERT_REQUESTED, Topics.CERT_ISSUED), 2);
            Map<String, Object> common = Map.of("bootstrap.servers", kafka.bootstrap());
            KafkaCloudEvents events = new KafkaCloudEvents("certificate-client-it");
            AtomicInteger failingPolls = new AtomicInteger();
            CertificateClient client = new CertificateClient(
                    new CertProperties(Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(30)),
                    events,
                    common,
                    config -> failing(
                            new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer()),
                            failingPolls));
            try (CertWorkerStandIn certWorker = new CertWorkerStandIn(common, events)) {
                client.start();
                try {
                    CertRequested first = request();
                    assertThat(client.issue(first, TRACEPARENT, Instant.now().plusSeconds(30))
                                    .requestId())
                            .isEqualTo(first.requestId());
                    assertThat(client.receivingReplies()).isTrue();

                    failingPolls.set(3); // pauses of 0.5, 1 and 2 s
                    await().atMost(Duration.ofSeconds(10)).until(() -> !client.receivingReplies());
                    assertThat(client.pollFailure()).isEqualTo("TopicAuthorizationException");

                    CertRequested second = request();
                    CertIssued reply =
                            client.issue(second, TRACEPARENT, Instant.now().plusSeconds(30));
                    assertThat(reply.requestId()).isEqualTo(second.requestId());
                    assertThat(certWorker.answered())
                            .as("the reply that came while polls failed was read, not asked for again")
                            .isEqualTo(2);
                    await().atMost(Duration.ofSeconds(5)).until(client::receivingReplies);
                    assertThat(client.pollFailure()).isNull();
                } finally {
                    client.stop();
                }
                assertThat(client.receivingReplies()).isFalse();
            }
        }
    }

    private static CertRequested request() {
        return new CertRequested(
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString(),
                Base64Bytes.of(new byte[] {1, 2, 3}),
                new SignerClaims("subject-1", null, null, null, null, null, null, null, null, null, null),
                60,
                false,
                Instant.now());
    }

    /** {@code real}, whose polls throw while {@code failures} is positive, each counting it down. */
    @SuppressWarnings("unchecked")
    private static Consumer<String, byte[]> failing(Consumer<String, byte[]> real, AtomicInteger failures) {
        return (Consumer<String, byte[]>) Proxy.newProxyInstance(
                Consumer.class.getClassLoader(), new Class<?>[] {Consumer.class}, (proxy, method, args) -> {
                    if (method.getName().equals("poll") && failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw new TopicAuthorizationException(Set.of(Topics.CERT_ISSUED));
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Answers every certificate request on the topic with a refusal, from its own thread. */
    private static final class CertWorkerStandIn implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> requests;
        private final KafkaProducer<String, byte[]> replies;
        private final KafkaCloudEvents events;
        private final AtomicInteger answered = new AtomicInteger();
        private final Thread thread;

        CertWorkerStandIn(Map<String, Object> common, KafkaCloudEvents events) {
            this.events = events;
            requests =
                    new KafkaConsumer<>(new HashMap<>(common), new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = requests.partitionsFor(Topics.CERT_REQUESTED).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            requests.assign(partitions);
            requests.seekToBeginning(partitions);
            replies = new KafkaProducer<>(new HashMap<>(common), new StringSerializer(), new ByteArraySerializer());
            thread = Thread.ofPlatform().name("cert-worker-stand-in").start(this::answer);
        }

        int answered() {
            return answered.get();
        }

        private void answer() {
            try {
                while (true) {
                    for (ConsumerRecord<String, byte[]> record : requests.poll(Duration.ofMillis(200))) {
                        CertRequested request = events.fromConsumerRecord(record, EventTypes.CERT_REQUESTED_V1)
                                .payload();
                        CertIssued refusal = CertIssued.refused(
                                request.requestId(),
                                request.signatureId(),
                                new CertRefusal(CertRefusal.Code.POLICY_VIOLATION, "stand-in"));
                        replies.send(events.toProducerRecord(refusal, TRACEPARENT));
                        replies.flush();
                        answered.incrementAndGet();
                    }
                }
            } catch (WakeupException e) {
                // closed
            } finally {
                requests.close(Duration.ZERO);
            }
        }

        @Override
        public void close() {
            requests.wakeup();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            replies.close(Duration.ofSeconds(1));
        }
    }
}
