package io.signet.notifier.polling;

import static io.signet.notifier.support.NotifierStack.baseUrl;
import static io.signet.notifier.support.NotifierStack.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.signet.notifier.deadline.DeadlineSweeper;
import io.signet.notifier.delivery.DeliveryDao;
import io.signet.notifier.delivery.DeliveryStatus;
import io.signet.notifier.support.Events;
import io.signet.notifier.support.Http;
import io.signet.notifier.support.NotifierStack;
import io.signet.notifier.support.Receiver;
import io.signet.schemas.CloudEventEnvelope;
import io.signet.schemas.KafkaCloudEvents;
import io.signet.schemas.SignExpired;
import io.signet.schemas.Topics;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.node.ObjectNode;

/** Results stored from real Kafka events in real PostgreSQL, read through the internal result API. */
class ResultPollingIT {

    private static final KafkaCloudEvents CLOUD_EVENTS = new KafkaCloudEvents("sign-worker");

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(50);

    private static ConfigurableApplicationContext notifier;
    private static Receiver receiver;
    private static Jdbi jdbi;

    @BeforeAll
    static void start() {
        notifier = NotifierStack.startNotifier("notifier_polling", "polling-it", Map.of());
        jdbi = notifier.getBean(Jdbi.class);
        receiver = new Receiver();
    }

    @AfterAll
    static void stop() {
        if (notifier != null) {
            notifier.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private static Http.Response poll(String signatureId, String rpId, int waitSeconds) {
        return Http.get(baseUrl(notifier) + "/internal/results/" + signatureId + "?rpId=" + rpId + "&waitSeconds="
                + waitSeconds);
    }

    private static boolean processed(String eventId) {
        return jdbi.withHandle(handle -> handle.createQuery("select count(*) from processed_event where event_id = :id")
                        .bind("id", eventId)
                        .mapTo(Integer.class)
                        .one())
                == 1;
    }

    @Test
    void aCompletionFromAnAbortedTransactionIsNeverTheResult() throws Exception {
        String id = Events.newId();
        publish(Events.requested(id, "rp-a", null, Duration.ofMinutes(1)));
        // A sign-worker killed after sending its completion: its transaction is aborted (by the restarted worker).
        try (KafkaProducer<String, byte[]> worker = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        NotifierStack.bootstrap(),
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                        "polling-it-" + id),
                new StringSerializer(),
                new ByteArraySerializer())) {
            worker.initTransactions();
            worker.beginTransaction();
            worker.send(CLOUD_EVENTS.toProducerRecord(Events.completed(id, "rp-a", new byte[] {6, 6, 6}), null))
                    .get(10, TimeUnit.SECONDS);
            worker.flush();
            worker.abortTransaction();
        }
        // The redo commits the completion that counts.
        publish(Events.completed(id, "rp-a", new byte[] {1, 2, 3}));

        Http.Response response = poll(id, "rp-a", 30);
        assertThat(response.body().at("/status/code").asString()).isEqualTo("OK");
        assertThat(response.body().get("signature").asString())
                .isEqualTo(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}));
    }

    @Test
    void completedResultIsServedAsTheGovStackSignatureResponse() {
        String id = Events.newId();
        publish(Events.requested(id, "rp-a", null, Duration.ofMinutes(1)));
        await().atMost(WAIT).pollInterval(POLL).until(() -> poll(id, "rp-a", 0).status() == 200);
        assertThat(poll(id, "rp-a", 0).body().at("/status/code").asString()).isEqualTo("PENDING");

        publish(Events.completed(id, "rp-a", new byte[] {1, 2, 3}));

        Http.Response response = poll(id, "rp-a", 30);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().at("/status/code").asString()).isEqualTo("OK");
        assertThat(response.body().get("signature").asString())
                .isEqualTo(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}));
        assertThat(response.body().get("certificate").asString()).isEqualTo(Events.CERTIFICATE_PEM);
        assertThat(response.body().get("signatureTimestamp").asString()).isEqualTo("CQkJ");
        assertThat(response.body().get("responseTimestamp").asString()).isNotBlank();
    }

    @Test
    void failedResultIsServedAsAnError() {
        String id = Events.newId();
        publish(Events.requested(id, "rp-a", null, Duration.ofMinutes(1)));
        publish(Events.failed(id, "rp-a"));

        Http.Response response = poll(id, "rp-a", 30);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().at("/status/code").asString()).isEqualTo("ERROR");
        assertThat(response.body().at("/status/message").asString()).startsWith("CA_REFUSED");
        assertThat(response.body().has("signature")).isFalse();
    }

    @Test
    void waitingRequestReturnsAsSoonAsTheResultIsStored() {
        String id = Events.newId();
        publish(Events.requested(id, "rp-a", null, Duration.ofMinutes(1)));
        await().atMost(WAIT).pollInterval(POLL).until(() -> poll(id, "rp-a", 0).status() == 200);
        ResultWaiters waiters = notifier.getBean(ResultWaiters.class);
        int waitingBefore = waiters.waiting();

        var answer = Http.getAsync(baseUrl(notifier) + "/internal/results/" + id + "?rpId=rp-a&waitSeconds=60");
        await().atMost(WAIT).pollInterval(POLL).until(() -> waiters.waiting() > waitingBefore);
        assertThat(answer).isNotDone();
        publish(Events.completed(id, "rp-a", new byte[] {7}));

        // Far less than the 60 s asked for: the waiter was woken by the stored result.
        await().atMost(WAIT).pollInterval(POLL).until(answer::isDone);
        assertThat(answer.join().body().at("/status/code").asString()).isEqualTo("OK");
    }

    @Test
    void anotherRelyingPartysIdAndARandomIdGiveTheSame404() {
        String id = Events.newId();
        publish(Events.requested(id, "rp-a", null, Duration.ofMinutes(1)));
        publish(Events.completed(id, "rp-a", new byte[] {1}));
        await().atMost(WAIT).pollInterval(POLL).until(() -> poll(id, "rp-a", 0).status() == 200);

        Http.Response foreign = poll(id, "rp-b", 0);
        Http.Response unknown = poll(Events.newId(), "rp-b", 0);

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        ((ObjectNode) foreign.body()).remove("responseTimestamp");
        ((ObjectNode) unknown.body()).remove("responseTimestamp");
        assertThat(foreign.body()).isEqualTo(unknown.body());
        assertThat(foreign.body().at("/status/code").asString()).isEqualTo("ERROR");
    }

    @Test
    void duplicateAndReplayedEventsChangeNothing() {
        String id = Events.newId();
        publish(Events.requested(id, "rp-a", receiver.url("/replays"), Duration.ofMinutes(1)));
        String first = publish(Events.completed(id, "rp-a", new byte[] {1}));
        publish(Events.completed(id, "rp-a", new byte[] {1}), first); // the same event redelivered
        // Completions and failures travel on two topics, read by two listeners: only after the first result is
        // stored is it the first one, whatever comes later.
        await().atMost(WAIT).pollInterval(POLL).until(() -> processed(first));
        String second = publish(Events.completed(id, "rp-a", new byte[] {2})); // a second, different result
        String third = publish(Events.failed(id, "rp-a"));
        String replayedRequest = publish(Events.requested(id, "rp-a", receiver.url("/other"), Duration.ofMinutes(1)));

        await().atMost(WAIT)
                .pollInterval(POLL)
                .until(() -> processed(first) && processed(second) && processed(third) && processed(replayedRequest));
        await().atMost(WAIT)
                .pollInterval(POLL)
                .until(() -> receiver.received("/replays").size() == 1);

        Http.Response response = poll(id, "rp-a", 0);
        assertThat(response.body().get("signature").asString())
                .isEqualTo(Base64.getEncoder().encodeToString(new byte[] {1}));
        var deliveries = jdbi.onDemand(DeliveryDao.class).forSignature(id);
        assertThat(deliveries)
                .singleElement()
                .satisfies(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.DELIVERED));
        assertThat(receiver.received("/other")).isEmpty();
    }

    @Test
    void resultArrivingBeforeItsRequestIsStoredAndCalledBack() {
        String id = Events.newId();
        publish(Events.completed(id, "rp-a", new byte[] {5}));
        await().atMost(WAIT).pollInterval(POLL).until(() -> poll(id, "rp-a", 0).status() == 200);
        assertThat(poll(id, "rp-a", 0).body().at("/status/code").asString()).isEqualTo("OK");

        publish(Events.requested(id, "rp-a", receiver.url("/early"), Duration.ofMinutes(1)));

        await().atMost(WAIT)
                .pollInterval(POLL)
                .until(() -> receiver.received("/early").size() == 1);
        assertThat(receiver.received("/early").getFirst().rawQuery()).contains("signatureId=" + id);
    }

    @Test
    void requestPastItsDeadlineExpiresExactlyOnceAndALateResultIsDiscarded() {
        String id = Events.newId();
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        ListAppender<ILoggingEvent> sweeperLog = new ListAppender<>();
        Logger sweeper = (Logger) LoggerFactory.getLogger(DeadlineSweeper.class);
        sweeperLog.start();
        sweeper.addAppender(sweeperLog);
        try {
            NotifierStack.send(CLOUD_EVENTS.toProducerRecord(
                    Events.requested(id, "rp-a", receiver.url("/expiry"), Duration.ofMillis(300)),
                    "00-" + traceId + "-00f067aa0ba902b7-01"));
            await().atMost(WAIT)
                    .pollInterval(POLL)
                    .until(() -> sweeperLog.list.stream()
                            .anyMatch(e -> e.getFormattedMessage().contains(id)));
        } finally {
            sweeper.detachAppender(sweeperLog);
        }
        // The expiry is logged in the request's trace, as everything else about it in every service.
        assertThat(sweeperLog.list)
                .filteredOn(e -> e.getFormattedMessage().contains(id))
                .singleElement()
                .satisfies(e -> assertThat(e.getMDCPropertyMap()).containsEntry("traceId", traceId));

        Http.Response expired = poll(id, "rp-a", 30);
        assertThat(expired.body().at("/status/code").asString()).isEqualTo("ERROR");
        assertThat(expired.body().at("/status/message").asString()).startsWith("EXPIRED");
        // Published for cert-worker (which revokes the request's certificates) and the audit log, in its trace.
        assertThat(NotifierStack.published(Topics.SIGN_EXPIRED, id))
                .singleElement()
                .satisfies(event -> assertThat(event.traceparent()).contains(traceId))
                .satisfies(event -> assertThat(event.source()).hasToString("/signet/notifier"))
                .extracting(CloudEventEnvelope::payload)
                .isInstanceOfSatisfying(SignExpired.class, payload -> {
                    assertThat(payload.signatureId()).isEqualTo(id);
                    assertThat(payload.rpId()).isEqualTo("rp-a");
                    assertThat(payload.expiredAt()).isAfter(payload.deadline());
                });

        String late = publish(Events.completed(id, "rp-a", new byte[] {3}));
        await().atMost(WAIT).pollInterval(POLL).until(() -> processed(late));
        await().atMost(WAIT)
                .pollInterval(POLL)
                .until(() -> receiver.received("/expiry").size() == 1);

        assertThat(poll(id, "rp-a", 0).body().at("/status/message").asString()).startsWith("EXPIRED");
        assertThat(jdbi.onDemand(DeliveryDao.class).forSignature(id))
                .singleElement()
                .satisfies(d -> assertThat(d.eventType()).isEqualTo("signature.expired"))
                .satisfies(d -> assertThat(d.traceparent()).contains(traceId));
    }

    @Test
    void waitSecondsOutOfRangeIsABadRequest() {
        assertThat(poll(Events.newId(), "rp-a", 61).status()).isEqualTo(400);
    }
}
