package io.signet.gateway.sign;

import static io.signet.gateway.support.GatewayClient.json;
import static io.signet.gateway.support.GatewayClient.validBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signet.gateway.auth.ApiKeys;
import io.signet.gateway.auth.RpClientDao;
import io.signet.gateway.dev.DevCredentials;
import io.signet.gateway.support.GatewayClient;
import io.signet.gateway.support.TestStack;
import io.signet.gateway.support.TopicWatcher;
import io.signet.schemas.ConformanceLevel;
import io.signet.schemas.EventCodec;
import io.signet.schemas.KeyAlgorithm;
import io.signet.schemas.SignRequested;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** Issue 3's API and bad-input rows against a real gateway on embedded PostgreSQL and Kafka. */
class SignOnetimeIT {

    static ConfigurableApplicationContext gateway;
    static GatewayClient client;
    static TopicWatcher topic;
    static Jdbi jdbi;
    static DevCredentials dev;

    @BeforeAll
    static void start() {
        gateway = TestStack.startGateway(Map.of("signet.gateway.callback.allow-list", "10.20.0.0/16"));
        dev = gateway.getBean(DevCredentials.class);
        client = new GatewayClient(TestStack.port(gateway), dev);
        jdbi = gateway.getBean(Jdbi.class);
        topic = new TopicWatcher(TestStack.stack().kafka().orElseThrow().bootstrap());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        topic.close();
        gateway.close();
    }

    static long requestRows() {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from gateway.sign_request")
                .mapTo(Long.class)
                .one());
    }

    static long outboxRows() {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from gateway.outbox")
                .mapTo(Long.class)
                .one());
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value());
    }

    @Test
    void acceptedRequestIsCommittedAndRelayedAsACloudEvent() {
        String body = validBody();
        HttpResponse<String> response = client.post(body);

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode json = json(response.body());
        String id = json.get("signatureId").stringValue();
        assertThat(UUID.fromString(id)).hasToString(id);
        assertThat(json.at("/status/code").stringValue()).isEqualTo("PENDING");
        assertThat(json.at("/status/message").stringValue()).isNotBlank();
        assertThat(Instant.parse(json.get("responseTimestamp").stringValue()))
                .isBefore(Instant.now().plusSeconds(1));
        assertThat(response.headers().firstValue("Location")).contains("/v1/sign/response/" + id);

        Map<String, Object> row = jdbi.withHandle(h -> h.createQuery(
                        "select rp_id, format, hash_type, conformance_level, key_algorithm, accepted_at, deadline "
                                + "from gateway.sign_request where signature_id = :id")
                .bind("id", id)
                .mapToMap()
                .one());
        assertThat(row).containsEntry("rp_id", DevCredentials.RP_ID).containsEntry("format", "CAdES");
        assertThat(row).containsEntry("conformance_level", "AdES-B-T").containsEntry("key_algorithm", "EC_P256");
        assertThat(outboxRows()).isZero(); // inserted and deleted in the same transaction

        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> topic.hasKey(id));
        ConsumerRecord<String, byte[]> record = topic.forKey(id).getFirst();
        assertThat(header(record, "ce_id")).matches("[0-9a-f-]{36}");
        assertThat(header(record, "ce_type")).isEqualTo("signet.sign.requested.v1");
        assertThat(header(record, "ce_source")).isEqualTo("/signet/api-gateway");
        assertThat(header(record, "ce_subject")).isEqualTo(id);
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_time")).isNotBlank();
        assertThat(header(record, "content-type")).startsWith("application/json");
        assertThat(header(record, "traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");

        SignRequested event = new EventCodec().fromJson(record.value(), SignRequested.class);
        assertThat(event.signatureId()).isEqualTo(id);
        assertThat(event.rpId()).isEqualTo(DevCredentials.RP_ID);
        assertThat(event.hash().base64()).isEqualTo(json(body).get("hash").stringValue());
        assertThat(event.conformanceLevel()).isEqualTo(ConformanceLevel.ADES_B_T);
        assertThat(event.keyAlgorithm()).isEqualTo(KeyAlgorithm.EC_P256);
        assertThat(event.signer().subject()).isEqualTo("dev-person-0001");
        assertThat(event.signer().familyName()).isEqualTo("Mustermann");
        assertThat(event.nonce()).hasSize(64);
        assertThat(Duration.between(event.requestedAt(), event.deadline())).isEqualTo(Duration.ofSeconds(60));
        assertThat(event.dataToBeDisplayed()).isEqualTo("Contract 42");
    }

    @Test
    void optionalFieldsReachTheEvent() {
        String body = """
                {"format":"raw","hash":"%s","hashType":"SHA2-384","conformanceLevel":"AdES-B-LT",
                 "keyAlgorithm":"EC_P384","callbackUrl":"https://10.20.0.5/cb","nonce":"n-1","state":"s-1"}""".formatted(Base64.getEncoder().encodeToString(new byte[48]));
        HttpResponse<String> response = client.post(body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String id = json(response.body()).get("signatureId").stringValue();
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> topic.hasKey(id));
        SignRequested event =
                new EventCodec().fromJson(topic.forKey(id).getFirst().value(), SignRequested.class);
        assertThat(event.callbackUrl()).isEqualTo("https://10.20.0.5/cb");
        assertThat(event.nonce()).isEqualTo("n-1");
        assertThat(event.state()).isEqualTo("s-1");
        assertThat(event.keyAlgorithm()).isEqualTo(KeyAlgorithm.EC_P384);
    }

    static Stream<Arguments> badInput() {
        String hash32 = Base64.getEncoder().encodeToString(new byte[32]);
        String template = "{\"format\":\"CAdES\",\"hash\":\"%s\",\"hashType\":\"SHA2-256\"}";
        Consumer<Map<String, String>> none = h -> {};
        return Stream.of(
                Arguments.of("malformed JSON", "{\"format\":", none, 400, "Malformed JSON"),
                Arguments.of(
                        "missing hash",
                        "{\"format\":\"CAdES\",\"hashType\":\"SHA2-256\"}",
                        none,
                        422,
                        "Mandatory field not present: hash"),
                Arguments.of("hex hash", template.formatted("ab".repeat(32)), none, 400, "hex"),
                Arguments.of("URL-safe hash", template.formatted("_-" + hash32.substring(2)), none, 400, "URL-safe"),
                Arguments.of(
                        "hash with whitespace",
                        template.formatted(hash32.substring(0, 20) + "\\n" + hash32.substring(20)),
                        none,
                        400,
                        "whitespace"),
                Arguments.of(
                        "hash with bad padding", template.formatted(hash32.replace("=", "")), none, 400, "padding"),
                Arguments.of(
                        "hash length not matching the type",
                        template.formatted(Base64.getEncoder().encodeToString(new byte[47])),
                        none,
                        422,
                        "bytes"),
                Arguments.of(
                        "unknown hashType",
                        "{\"format\":\"CAdES\",\"hash\":\"" + hash32 + "\",\"hashType\":\"MD5\"}",
                        none,
                        400,
                        "Unknown hashType"),
                Arguments.of(
                        "unknown format",
                        "{\"format\":\"DOCX\",\"hash\":\"" + hash32 + "\",\"hashType\":\"SHA2-256\"}",
                        none,
                        400,
                        "Unknown format"),
                Arguments.of(
                        "unknown conformanceLevel",
                        template.formatted(hash32).replace("}", ",\"conformanceLevel\":\"AdES-B-LTA\"}"),
                        none,
                        400,
                        "Unknown conformanceLevel"),
                Arguments.of(
                        "dataToBeDisplayed over 256",
                        template.formatted(hash32).replace("}", ",\"dataToBeDisplayed\":\"" + "x".repeat(257) + "\"}"),
                        none,
                        422,
                        "dataToBeDisplayed"),
                Arguments.of(
                        "callbackUrl not https",
                        template.formatted(hash32).replace("}", ",\"callbackUrl\":\"http://rp.example/cb\"}"),
                        none,
                        422,
                        "https"),
                Arguments.of(
                        "callbackUrl private",
                        template.formatted(hash32).replace("}", ",\"callbackUrl\":\"https://10.0.0.1/cb\"}"),
                        none,
                        422,
                        "private"),
                Arguments.of(
                        "callbackUrl loopback",
                        template.formatted(hash32).replace("}", ",\"callbackUrl\":\"https://127.0.0.1:8443/cb\"}"),
                        none,
                        422,
                        "loopback"),
                Arguments.of(
                        "callbackUrl link-local",
                        template.formatted(hash32).replace("}", ",\"callbackUrl\":\"https://169.254.169.254/cb\"}"),
                        none,
                        422,
                        "link-local"),
                Arguments.of(
                        "body over 64 KiB",
                        template.formatted(hash32).replace("}", ",\"state\":\"" + "s".repeat(70_000) + "\"}"),
                        none,
                        413,
                        "too large"),
                Arguments.of(
                        "wrong content type",
                        template.formatted(hash32),
                        (Consumer<Map<String, String>>) h -> h.put("Content-Type", "text/plain"),
                        415,
                        "Content-Type"),
                Arguments.of(
                        "missing signer token",
                        template.formatted(hash32),
                        (Consumer<Map<String, String>>) h -> h.remove("X-GovStack-AuthenticationToken"),
                        401,
                        "Missing X-GovStack-AuthenticationToken"),
                Arguments.of(
                        "expired signer token",
                        template.formatted(hash32),
                        (Consumer<Map<String, String>>) h -> h.put(
                                "X-GovStack-AuthenticationToken",
                                dev.mintSignerToken(c -> c.expirationTime(
                                        java.util.Date.from(Instant.now().minusSeconds(3600))))),
                        401,
                        "expired"),
                Arguments.of(
                        "badly signed signer token",
                        template.formatted(hash32),
                        (Consumer<Map<String, String>>)
                                h -> h.put("X-GovStack-AuthenticationToken", tamper(dev.signerToken())),
                        401,
                        "signature"),
                Arguments.of(
                        "wrong-audience signer token",
                        template.formatted(hash32),
                        (Consumer<Map<String, String>>) h -> h.put(
                                "X-GovStack-AuthenticationToken", dev.mintSignerToken(c -> c.audience("someone-else"))),
                        401,
                        "audience"),
                Arguments.of(
                        "missing RP key",
                        template.formatted(hash32),
                        (Consumer<Map<String, String>>) h -> h.remove("Authorization"),
                        401,
                        "RP authentication"),
                Arguments.of(
                        "unknown RP key",
                        template.formatted(hash32),
                        (Consumer<Map<String, String>>) h -> h.put("Authorization", "Bearer " + ApiKeys.generate()),
                        401,
                        "RP authentication"),
                Arguments.of(
                        "Prefer wait over 60",
                        template.formatted(hash32),
                        (Consumer<Map<String, String>>) h -> h.put("Prefer", "wait=61"),
                        400,
                        "wait"));
    }

    /** Changes one character of the signature part. */
    static String tamper(String jwt) {
        int last = jwt.lastIndexOf('.') + 5;
        char c = jwt.charAt(last) == 'A' ? 'B' : 'A';
        return jwt.substring(0, last) + c + jwt.substring(last + 1);
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("badInput")
    void badInputIsRefusedWithTheGovStackErrorBodyAndNothingPersistedOrPublished(
            String name, String body, Consumer<Map<String, String>> headerChange, int status, String message) {
        long rowsBefore = requestRows();
        Map<String, String> headers = new HashMap<>(client.headers());
        headerChange.accept(headers);

        HttpResponse<String> response = client.post("/v1/sign/onetime", body, headers);

        assertGovStackError(response, status, message);
        assertThat(requestRows()).isEqualTo(rowsBefore);
        assertNoUnexpectedEvent();
    }

    @Test
    void relayHealthAndSlotLagAreExposed() {
        HttpResponse<String> health = client.get("/actuator/health", Map.of());
        JsonNode relay = json(health.body()).at("/components/relay");
        assertThat(relay.at("/status").stringValue()).isEqualTo("UP");
        assertThat(relay.at("/details/slot").stringValue()).isEqualTo("signet_gateway_outbox");
        assertThat(relay.at("/details/slotLagBytes").isNumber()).isTrue();
        assertThat(relay.at("/details/running").booleanValue()).isTrue();
        String metrics = client.get("/actuator/prometheus", Map.of()).body();
        assertThat(metrics).contains("signet_relay_slot_lag_bytes");
    }

    @Test
    void anExpiredIdempotencyKeyMayBeUsedForANewRequest() {
        String key = UUID.randomUUID().toString();
        String oldId = UUID.randomUUID().toString();
        jdbi.useHandle(h -> h.createUpdate("insert into gateway.idempotency_key (rp_id, idempotency_key, body_hash,"
                        + " signature_id, accepted_at, expires_at) values (:rp, :key, '\\x00', :id,"
                        + " now() - interval '25 hours', now() - interval '1 hour')")
                .bind("rp", DevCredentials.RP_ID)
                .bind("key", key)
                .bind("id", oldId)
                .execute());
        Map<String, String> headers = new HashMap<>(client.headers());
        headers.put("Idempotency-Key", key);
        HttpResponse<String> response = client.post("/v1/sign/onetime", validBody(), headers);
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response.body()).get("signatureId").stringValue()).isNotEqualTo(oldId);
    }

    /** What the one-round-trip write relies on: statements sent together in auto-commit are all or nothing. */
    @Test
    void statementsSentInOneRoundTripFormOneTransaction() {
        String key = UUID.randomUUID().toString();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbi.useHandle(h -> h.createUpdate(
                                "insert into gateway.idempotency_key (rp_id, idempotency_key, body_hash, signature_id,"
                                        + " accepted_at, expires_at) values ('probe', :key, '\\x00', 'x', now(),"
                                        + " now()); select 1 / 0")
                        .bind("key", key)
                        .execute()))
                .isNotNull();
        long rows = jdbi.withHandle(
                h -> h.createQuery("select count(*) from gateway.idempotency_key where idempotency_key = :key")
                        .bind("key", key)
                        .mapTo(Long.class)
                        .one());
        assertThat(rows).isZero();
    }

    @Test
    void springsOwnErrorPathsAnswerWithTheGovStackBody() {
        assertGovStackError(client.get("/v1/nothing-here", client.headers()), 404, "Not found");
        HttpResponse<String> put = client.send(HttpRequest.newBuilder(client.uri("/v1/sign/onetime"))
                .PUT(HttpRequest.BodyPublishers.ofString(validBody()))
                .header("Content-Type", "application/json")
                .build());
        assertGovStackError(put, 405, "Method not allowed");
    }

    @Test
    void sameIdempotencyKeyAndBodyReturnsTheFirstAnswerAndCreatesNothing() {
        String body = validBody();
        Map<String, String> headers = new HashMap<>(client.headers());
        headers.put("Idempotency-Key", UUID.randomUUID().toString());

        HttpResponse<String> first = client.post("/v1/sign/onetime", body, headers);
        long rowsAfterFirst = requestRows();
        HttpResponse<String> second = client.post("/v1/sign/onetime", body, headers);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(json(second.body()).get("signatureId"))
                .isEqualTo(json(first.body()).get("signatureId"));
        assertThat(json(second.body()).get("responseTimestamp"))
                .isEqualTo(json(first.body()).get("responseTimestamp"));
        assertThat(second.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(requestRows()).isEqualTo(rowsAfterFirst);

        HttpResponse<String> other = client.post("/v1/sign/onetime", validBody(), headers);
        assertGovStackError(other, 422, "Idempotency-Key");
        assertThat(requestRows()).isEqualTo(rowsAfterFirst);
        assertNoUnexpectedEvent();
    }

    @Test
    void concurrentRequestsWithOneIdempotencyKeyCreateOneRequest() throws Exception {
        String body = validBody();
        Map<String, String> headers = new HashMap<>(client.headers());
        headers.put("Idempotency-Key", UUID.randomUUID().toString());
        long before = requestRows();
        List<Thread> threads = new java.util.ArrayList<>();
        List<String> ids = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < 8; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                HttpResponse<String> r = client.post("/v1/sign/onetime", body, headers);
                if (r.statusCode() == 202) {
                    ids.add(json(r.body()).get("signatureId").stringValue());
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(ids).hasSize(8).containsOnly(ids.getFirst());
        assertThat(requestRows()).isEqualTo(before + 1);
    }

    @Test
    void rateLimitedRpGets429WithRetryAfter() {
        String key = ApiKeys.generate();
        jdbi.useExtension(RpClientDao.class, dao -> dao.upsert("strict-rp", ApiKeys.hash(key), 1, 1, List.of(), null));
        Map<String, String> headers = new HashMap<>(client.headers());
        headers.put("Authorization", "Bearer " + key);

        HttpResponse<String> first = client.post("/v1/sign/onetime", validBody(), headers);
        long rows = requestRows();
        HttpResponse<String> second = client.post("/v1/sign/onetime", validBody(), headers);

        assertThat(first.statusCode()).isEqualTo(202);
        assertGovStackError(second, 429, "Too many requests");
        assertThat(second.headers().firstValue("Retry-After"))
                .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 2));
        assertThat(requestRows()).isEqualTo(rows);
    }

    @Test
    void preferWaitWithoutAResultAnswers202() {
        Map<String, String> headers = new HashMap<>(client.headers());
        headers.put("Prefer", "wait=1");
        HttpResponse<String> response = client.post("/v1/sign/onetime", validBody(), headers);
        assertThat(response.statusCode()).isEqualTo(202);
    }

    @Test
    void readEndpointShowsOnlyTheOwnersRequests() {
        String id = json(client.post(validBody()).body()).get("signatureId").stringValue();
        HttpResponse<String> own = client.get("/v1/sign/response/" + id, client.headers());
        assertThat(own.statusCode()).isEqualTo(202);
        assertThat(json(own.body()).at("/status/code").stringValue()).isEqualTo("PENDING");

        String otherKey = ApiKeys.generate();
        jdbi.useExtension(
                RpClientDao.class, dao -> dao.upsert("other-rp", ApiKeys.hash(otherKey), null, null, List.of(), null));
        assertGovStackError(
                client.get("/v1/sign/response/" + id, Map.of("Authorization", "Bearer " + otherKey)), 404, "Not found");
        assertGovStackError(client.get("/v1/sign/response/" + UUID.randomUUID(), client.headers()), 404, "Not found");
    }

    static void assertGovStackError(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode body = json(response.body());
        assertThat(body.at("/status/code").stringValue()).isEqualTo("ERROR");
        assertThat(body.at("/status/message").stringValue()).containsIgnoringCase(message);
        assertThat(Instant.parse(body.get("responseTimestamp").stringValue())).isNotNull();
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("status", "responseTimestamp");
    }

    /**
     * Every accepted request is exactly one event: after a marker request is relayed, the distinct events on the
     * topic equal the committed requests, so a refused request published nothing.
     */
    static void assertNoUnexpectedEvent() {
        HttpResponse<String> marker = client.post(validBody());
        assertThat(marker.statusCode()).isEqualTo(202);
        String id = json(marker.body()).get("signatureId").stringValue();
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> topic.hasKey(id));
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat((long) topic.distinctEvents()).isEqualTo(requestRows()));
    }
}
