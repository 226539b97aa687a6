package io.signet.notifier.delivery;

import static io.signet.notifier.support.NotifierStack.baseUrl;
import static io.signet.notifier.support.NotifierStack.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.signet.notifier.support.Events;
import io.signet.notifier.support.Http;
import io.signet.notifier.support.NotifierStack;
import io.signet.notifier.support.Receiver;
import io.signet.notifier.support.Receiver.Received;
import io.signet.schemas.Topics;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** Callbacks from a real notifier to a real HTTP receiver on loopback. */
class CallbackDeliveryIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final String METADATA_HOST = "metadata.signet.test";
    private static final String OPS_TOKEN = "ops-token-for-callback-delivery-it";
    private static final String INTERNAL_TOKEN = "internal-token-for-callback-delivery-it";

    private static Receiver receiver;
    private static ConfigurableApplicationContext notifier;
    private static Jdbi jdbi;

    @BeforeAll
    static void start() {
        receiver = new Receiver();
        // A host name that resolves to the cloud metadata address, as a hostile DNS answer would make it.
        HostResolver resolver = host -> host.equals(METADATA_HOST)
                ? List.of(InetAddress.getByName("169.254.169.254"))
                : HostResolver.system().resolve(host);
        notifier = NotifierStack.startNotifier(
                "notifier_callbacks",
                "callbacks-it",
                Map.of(
                        "signet.notifier.rps.rp-hook.webhook-url",
                        receiver.url("/hook"),
                        "signet.notifier.rps.rp-hook.webhook-secret",
                        NotifierStack.SECRET,
                        "signet.notifier.ops.token",
                        OPS_TOKEN,
                        "signet.notifier.internal.token",
                        INTERNAL_TOKEN),
                Map.of("hostResolver", resolver));
        jdbi = notifier.getBean(Jdbi.class);
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

    private static String requestWithCallback(String rpId, String path) {
        String id = Events.newId();
        publish(Events.requested(id, rpId, receiver.url(path), Duration.ofMinutes(1)));
        return id;
    }

    private static List<Delivery> deliveries(String signatureId) {
        return jdbi.onDemand(DeliveryDao.class).forSignature(signatureId);
    }

    private static DeliveryStatus statusOf(String signatureId) {
        return deliveries(signatureId).stream()
                .findFirst()
                .map(Delivery::status)
                .orElse(null);
    }

    private static List<Received> forSignature(String path, String signatureId) {
        return receiver.received(path).stream()
                .filter(r -> (r.rawQuery() != null && r.rawQuery().contains("signatureId=" + signatureId))
                        || r.body().contains(signatureId))
                .toList();
    }

    private static String hmac(String signedContent) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        byte[] key = Base64.getDecoder().decode(NotifierStack.SECRET.substring("whsec_".length()));
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signedContent.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void completedAndFailedResultsReachTheGovStackCallbackAndTheWebhookSigned() throws Exception {
        String completed = requestWithCallback("rp-hook", "/cb");
        String failed = requestWithCallback("rp-hook", "/cb");
        publish(Events.completed(completed, "rp-hook", new byte[] {1}));
        publish(Events.failed(failed, "rp-hook"));

        for (String id : List.of(completed, failed)) {
            await().atMost(WAIT)
                    .pollInterval(POLL)
                    .until(() -> forSignature("/cb", id).size() == 1
                            && forSignature("/hook", id).size() == 1);

            Received get = forSignature("/cb", id).getFirst();
            assertThat(get.method()).isEqualTo("GET");
            assertThat(get.rawQuery())
                    .isEqualTo("signatureId=" + id + "&nonce=d2dff00401c92ca6&state=2569cb4125cb7303");
            assertThat(get.header("webhook-id")).startsWith("msg_");
            assertThat(get.header("webhook-signature"))
                    .isEqualTo(hmac(
                            get.header("webhook-id") + "." + get.header("webhook-timestamp") + "." + get.rawQuery()));
            assertThat(get.header("host"))
                    .isEqualTo("127.0.0.1:" + receiver.url("").split(":")[2]);

            Received post = forSignature("/hook", id).getFirst();
            assertThat(post.method()).isEqualTo("POST");
            assertThat(post.header("webhook-signature"))
                    .isEqualTo(hmac(
                            post.header("webhook-id") + "." + post.header("webhook-timestamp") + "." + post.body()));
            assertThat(post.header("webhook-id")).isNotEqualTo(get.header("webhook-id"));
            JsonNode event = Http.json().readTree(post.body());
            assertThat(event.at("/data/signatureId").asString()).isEqualTo(id);
            assertThat(event.get("type").asString())
                    .isEqualTo(id.equals(completed) ? "signature.completed" : "signature.failed");
            assertThat(event.at("/data/status/code").asString()).isEqualTo(id.equals(completed) ? "OK" : "ERROR");
        }
    }

    @Test
    void failingReceiverGetsEachEventExactlyOnceAsAcknowledgedWithOneWebhookId() {
        receiver.respond("/flaky", n -> n <= 4 ? 500 : 200);
        String first = requestWithCallback("rp-a", "/flaky");
        String second = requestWithCallback("rp-a", "/flaky");
        publish(Events.completed(first, "rp-a", new byte[] {1}));
        publish(Events.completed(second, "rp-a", new byte[] {2}));

        for (String id : List.of(first, second)) {
            await().atMost(WAIT).pollInterval(POLL).until(() -> statusOf(id) == DeliveryStatus.DELIVERED);
            List<Received> requests = forSignature("/flaky", id);
            assertThat(requests).filteredOn(r -> r.answered() == 200).hasSize(1);
            assertThat(requests.stream().map(r -> r.header("webhook-id")).collect(Collectors.toSet()))
                    .containsExactly(deliveries(id).getFirst().webhookId());
        }
        int requestsBefore = receiver.received("/flaky").size();
        int attempts = jdbi.onDemand(DeliveryDao.class)
                .attempts(List.of(
                        deliveries(first).getFirst().id(),
                        deliveries(second).getFirst().id()))
                .size();
        assertThat(attempts).isEqualTo(requestsBefore);
    }

    @Test
    void goneDisablesTheEndpointUntilOpsRedriveIt() {
        receiver.respond("/gone", n -> n == 1 ? 410 : 200);
        String first = requestWithCallback("rp-a", "/gone");
        publish(Events.completed(first, "rp-a", new byte[] {1}));
        await().atMost(WAIT).pollInterval(POLL).until(() -> statusOf(first) == DeliveryStatus.DISABLED);

        String second = requestWithCallback("rp-a", "/gone");
        publish(Events.completed(second, "rp-a", new byte[] {2}));
        await().atMost(WAIT).pollInterval(POLL).until(() -> statusOf(second) == DeliveryStatus.DISABLED);
        assertThat(receiver.received("/gone")).hasSize(1);

        JsonNode dead = Http.get(baseUrl(notifier) + "/internal/ops/deliveries/dead", OPS_TOKEN)
                .body();
        assertThat(dead.findValuesAsString("signatureId")).contains(first, second);

        Http.Response redriven = Http.post(
                baseUrl(notifier) + "/internal/ops/deliveries/"
                        + deliveries(first).getFirst().id() + "/redrive",
                OPS_TOKEN);
        assertThat(redriven.status()).isEqualTo(200);
        await().atMost(WAIT).pollInterval(POLL).until(() -> statusOf(first) == DeliveryStatus.DELIVERED);
        assertThat(forSignature("/gone", first)).hasSize(2);
    }

    @Test
    void opsAndInternalEndpointsRefuseAMissingOrWrongTokenWith401AndRedriveNothing() {
        receiver.respond("/ops-dead", n -> 410);
        String id = requestWithCallback("rp-a", "/ops-dead");
        publish(Events.completed(id, "rp-a", new byte[] {1}));
        await().atMost(WAIT).pollInterval(POLL).until(() -> statusOf(id) == DeliveryStatus.DISABLED);
        String dead = baseUrl(notifier) + "/internal/ops/deliveries/dead";
        String redrive = baseUrl(notifier) + "/internal/ops/deliveries/"
                + deliveries(id).getFirst().id() + "/redrive";

        for (String token : java.util.Arrays.asList(null, "", "wrong", OPS_TOKEN + "x", OPS_TOKEN.substring(1))) {
            assertThat(Http.get(dead, token).status()).as("list with %s", token).isEqualTo(401);
            Http.Response refused = Http.post(redrive, token);
            assertThat(refused.status()).as("redrive with %s", token).isEqualTo(401);
            assertThat(refused.body().at("/status/code").asString()).isEqualTo("ERROR");
        }
        assertThat(statusOf(id)).isEqualTo(DeliveryStatus.DISABLED);
        assertThat(deliveries(id).getFirst().attempts()).isEqualTo(1);
        assertThat(Http.get(dead, OPS_TOKEN).status()).isEqualTo(200);
        // What the gateway calls needs the internal token, and only that one.
        for (String internal : List.of(
                baseUrl(notifier) + "/internal/results/" + id + "?rpId=rp-a",
                baseUrl(notifier) + "/internal/deliveries?signatureId=" + id + "&rpId=rp-a")) {
            assertThat(Http.get(internal, INTERNAL_TOKEN).status()).as(internal).isEqualTo(200);
            for (String token : java.util.Arrays.asList(null, OPS_TOKEN, INTERNAL_TOKEN + "x")) {
                Http.Response refused = Http.get(internal, token);
                assertThat(refused.status()).as("%s with %s", internal, token).isEqualTo(401);
                assertThat(refused.body().at("/status/message").asString()).contains("internal token");
            }
        }
        assertThat(Http.get(dead, INTERNAL_TOKEN).status())
                .as("the internal token opens no ops endpoint")
                .isEqualTo(401);
    }

    @Test
    void redirectIsAFailureAndIsNotFollowed() {
        receiver.respond("/moved", n -> 302);
        String id = requestWithCallback("rp-a", "/moved");
        publish(Events.completed(id, "rp-a", new byte[] {1}));

        await().atMost(WAIT).pollInterval(POLL).until(() -> statusOf(id) == DeliveryStatus.DEAD);

        assertThat(forSignature("/moved", id)).hasSize(5); // every scheduled attempt, each answered 302
        assertThat(receiver.received("/redirected")).isEmpty();
        assertThat(deliveries(id).getFirst().lastError()).contains("302");
    }

    @Test
    void callbackHostResolvingToTheMetadataAddressIsNeverConnectedTo() {
        String viaDns = Events.newId();
        String literal = Events.newId();
        publish(Events.requested(
                viaDns, "rp-a", "http://" + METADATA_HOST + "/latest/meta-data", Duration.ofMinutes(1)));
        publish(Events.requested(literal, "rp-a", "http://169.254.169.254/latest/meta-data", Duration.ofMinutes(1)));
        publish(Events.completed(viaDns, "rp-a", new byte[] {1}));
        publish(Events.completed(literal, "rp-a", new byte[] {1}));

        for (String id : List.of(viaDns, literal)) {
            await().atMost(WAIT).pollInterval(POLL).until(() -> statusOf(id) == DeliveryStatus.DEAD);
            Delivery delivery = deliveries(id).getFirst();
            assertThat(delivery.lastError()).contains("169.254.169.254");
            // Refused by the guard before any connection: no status, no second attempt.
            assertThat(jdbi.onDemand(DeliveryDao.class).attempts(List.of(delivery.id())))
                    .singleElement()
                    .satisfies(attempt -> {
                        assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.REFUSED);
                        assertThat(attempt.httpStatus()).isNull();
                    });
        }
    }

    @Test
    void relyingPartySeesItsAttemptsAndNoOneElses() {
        receiver.respond("/seen", n -> n == 1 ? 503 : 204);
        String id = requestWithCallback("rp-a", "/seen");
        publish(Events.completed(id, "rp-a", new byte[] {1}));
        await().atMost(WAIT).pollInterval(POLL).until(() -> statusOf(id) == DeliveryStatus.DELIVERED);

        Http.Response own =
                Http.get(baseUrl(notifier) + "/internal/deliveries?signatureId=" + id + "&rpId=rp-a", INTERNAL_TOKEN);
        Http.Response foreign =
                Http.get(baseUrl(notifier) + "/internal/deliveries?signatureId=" + id + "&rpId=rp-b", INTERNAL_TOKEN);

        assertThat(own.status()).isEqualTo(200);
        JsonNode attempts = own.body().get(0).get("attempts");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).get("httpStatus").asInt()).isEqualTo(503);
        assertThat(attempts.get(0).get("outcome").asString()).isEqualTo("RETRY");
        assertThat(attempts.get(1).get("httpStatus").asInt()).isEqualTo(204);
        assertThat(attempts.get(1).has("latencyMs")).isTrue();
        assertThat(foreign.status()).isEqualTo(404);
    }

    @Test
    void unreadableEventGoesToTheDeadLetterTopicAndTheNextOneIsStillStored() {
        String poisonKey = Events.newId();
        NotifierStack.send(new ProducerRecord<>(
                Topics.SIGN_COMPLETED, poisonKey, "not a cloud event".getBytes(StandardCharsets.UTF_8)));
        String id = requestWithCallback("rp-a", "/after-poison");
        publish(Events.completed(id, "rp-a", new byte[] {1}));

        await().atMost(WAIT).pollInterval(POLL).until(() -> statusOf(id) == DeliveryStatus.DELIVERED);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        NotifierStack.bootstrap(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "dlt-reader-" + poisonKey,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.dlt(Topics.SIGN_COMPLETED)));
            List<String> keys = new java.util.ArrayList<>();
            await().atMost(WAIT).pollInterval(POLL).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> keys.add(record.key()));
                return keys.contains(poisonKey);
            });
        }
    }

    @Test
    void deliveriesAreCountedInMetrics() {
        String id = requestWithCallback("rp-a", "/metered");
        publish(Events.completed(id, "rp-a", new byte[] {1}));
        await().atMost(WAIT).pollInterval(POLL).until(() -> statusOf(id) == DeliveryStatus.DELIVERED);

        MeterRegistry registry = notifier.getBean(MeterRegistry.class);
        await().atMost(WAIT)
                .pollInterval(POLL)
                .until(() -> registry.get("signet.notifier.deliveries")
                                        .tag("outcome", "delivered")
                                        .counter()
                                        .count()
                                >= 1
                        && registry.get("signet.notifier.delivery.latency")
                                        .timer()
                                        .count()
                                >= 1);
        assertThat(registry.get("signet.notifier.delivery.attempts")
                        .tag("outcome", "delivered")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(1);
    }
}
