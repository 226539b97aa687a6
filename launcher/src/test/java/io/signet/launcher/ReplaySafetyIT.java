package io.signet.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.signet.gateway.dev.DevCredentials;
import io.signet.schemas.Topics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 7: ops re-read the topics (audit replay, or a consumer group reset to earliest by mistake) and nothing is done
 * twice. After a few requests complete with callbacks, every consumer group of sign-worker, cert-worker and notifier is
 * reset to the earliest offsets while they are stopped; once they have read everything again, no topic holds a new
 * signing, key or certificate event, cert-worker issued no certificate (a CA key operation), and no callback was sent.
 */
class ReplaySafetyIT {

    private static final int REQUESTS = 6;
    private static final List<String> OUTPUT_TOPICS = List.of(
            Topics.SIGN_COMPLETED, Topics.SIGN_FAILED, Topics.KEY_DESTROYED, Topics.CERT_REQUESTED, Topics.CERT_ISSUED);
    private static final List<SignetService> REPLAYED =
            List.of(SignetService.CERT_WORKER, SignetService.SIGN_WORKER, SignetService.NOTIFIER);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void consumerGroupsResetToEarliestSignNothingIssueNothingAndCallNobodyBack() throws Exception {
        AtomicInteger callbacks = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/callback", exchange -> {
            callbacks.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try (ProcessStack stack = ProcessStack.start(dataDir);
                Admin admin = Admin.create(adminConfig(stack))) {
            URI callbackUrl =
                    URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/callback");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                ids.add(submit(stack, callbackUrl));
            }
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> callbacks.get() >= REQUESTS && allEnded(stack, ids));

            Set<String> groups = groupsOf(admin, REPLAYED);
            for (SignetService service : REPLAYED) {
                assertThat(groups).as(service + "'s groups").anyMatch(g -> g.startsWith(service.serviceName()));
            }
            awaitNoLag(admin, stack.kafkaBootstrap(), groups);
            Map<String, Long> eventsBefore = endOffsets(admin, OUTPUT_TOPICS);
            long certificatesBefore = oneTimeCertificates(stack);
            long deliveriesBefore = deliveryAttempts(stack);
            int callbacksBefore = callbacks.get();

            REPLAYED.reversed().forEach(service -> stack.stop(service.serviceName()));
            Map<String, Long> rewound = new HashMap<>();
            for (String group : groups) {
                rewound.put(group, resetToEarliest(admin, group));
            }
            for (SignetService service : REPLAYED) {
                assertThat(rewound.entrySet().stream()
                                .filter(group -> group.getKey().startsWith(service.serviceName()))
                                .mapToLong(Map.Entry::getValue)
                                .sum())
                        .as("records " + service + " will read again")
                        .isPositive();
            }
            stack.startTogether(REPLAYED);
            awaitNoLag(admin, stack.kafkaBootstrap(), groups);

            // Nothing happens, and keeps not happening for a while (a callback would be sent after its commit).
            await().during(Duration.ofSeconds(5))
                    .atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> callbacks.get() == callbacksBefore && deliveryAttempts(stack) == deliveriesBefore);
            assertThat(endOffsets(admin, OUTPUT_TOPICS))
                    .as("no new completion, failure, key destruction, certificate request or issuance")
                    .isEqualTo(eventsBefore);
            assertThat(oneTimeCertificates(stack)).as("certificates issued").isEqualTo(certificatesBefore);
            assertThat(deliveryAttempts(stack)).as("callback attempts").isEqualTo(deliveriesBefore);
            assertThat(callbacks.get()).as("callbacks received").isEqualTo(callbacksBefore);
            for (String id : ids) {
                assertThat(status(stack, id)).as(id).isEqualTo("OK");
            }
        } finally {
            receiver.stop(0);
        }
    }

    private String submit(ProcessStack stack, URI callbackUrl) throws Exception {
        DevCredentials dev = DevCredentials.prepare(stack.dataDir().resolve("dev"));
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(new SecureRandom().generateSeed(32));
        String body = "{\"format\":\"CAdES\",\"hash\":\"" + Base64.getEncoder().encodeToString(hash)
                + "\",\"hashType\":\"SHA2-256\",\"dataToBeDisplayed\":\"replay test\","
                + "\"conformanceLevel\":\"AdES-B-T\",\"callbackUrl\":\"" + callbackUrl + "\"}";
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(stack.url(SignetService.GATEWAY).resolve("/v1/sign/onetime"))
                        .header("Authorization", "Bearer " + dev.rpApiKey())
                        .header("X-GovStack-AuthenticationToken", dev.signerToken())
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json.readTree(response.body()).path("signatureId").asString();
    }

    private boolean allEnded(ProcessStack stack, List<String> ids) throws Exception {
        for (String id : ids) {
            if ("PENDING".equals(status(stack, id))) {
                return false;
            }
        }
        return true;
    }

    private String status(ProcessStack stack, String signatureId) throws Exception {
        DevCredentials dev = DevCredentials.prepare(stack.dataDir().resolve("dev"));
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(stack.url(SignetService.GATEWAY).resolve("/v1/sign/response/" + signatureId))
                        .header("Authorization", "Bearer " + dev.rpApiKey())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body()).path("status").path("code").asString();
    }

    private static Properties adminConfig(ProcessStack stack) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        return config;
    }

    /** The consumer groups of these services: every group but the audit's (which keeps running). */
    private static Set<String> groupsOf(Admin admin, List<SignetService> services) throws Exception {
        return admin.listConsumerGroups().all().get().stream()
                .map(ConsumerGroupListing::groupId)
                .filter(group -> services.stream().anyMatch(s -> group.startsWith(s.serviceName())))
                .collect(Collectors.toSet());
    }

    /** Sets every committed offset of a stopped group to its partition's earliest; returns how many records that is. */
    private static long resetToEarliest(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get();
        Map<TopicPartition, OffsetSpec> earliest = committed.keySet().stream()
                .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.earliest()));
        Map<TopicPartition, OffsetAndMetadata> rewound = new HashMap<>();
        long records = 0;
        for (var offset : admin.listOffsets(earliest).all().get().entrySet()) {
            rewound.put(offset.getKey(), new OffsetAndMetadata(offset.getValue().offset()));
            records +=
                    committed.get(offset.getKey()).offset() - offset.getValue().offset();
        }
        admin.alterConsumerGroupOffsets(group, rewound).all().get();
        return records;
    }

    /**
     * Waits until every group has committed past every record a read_committed consumer can read in the partitions
     * it reads. Committed offsets may stay behind the end by more than one entry without anything left to read: two
     * transactions interleaved on a partition end it with two commit markers, which consumers skip without committing.
     */
    private static void awaitNoLag(Admin admin, String bootstrap, Set<String> groups) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    Map<String, Long> lagging = new TreeMap<>();
                    for (String group : groups) {
                        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                                .partitionsToOffsetAndMetadata()
                                .get();
                        Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                                .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
                        for (var end : admin.listOffsets(latest).all().get().entrySet()) {
                            long from = committed.get(end.getKey()).offset();
                            if (end.getValue().offset() > from && readableFrom(bootstrap, end.getKey(), from)) {
                                lagging.put(
                                        group + " " + end.getKey(),
                                        end.getValue().offset() - from);
                            }
                        }
                    }
                    assertThat(lagging)
                            .as("consumer groups with records left to read")
                            .isEmpty();
                });
    }

    /** Whether a read_committed consumer finds a record at or after {@code offset}. */
    private static boolean readableFrom(String bootstrap, TopicPartition partition, long offset) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, offset);
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < deadline) {
                if (!consumer.poll(Duration.ofMillis(200)).isEmpty()) {
                    return true;
                }
                // Caught up to the last stable offset: the rest are markers or records of open transactions.
                if (consumer.position(partition)
                        >= consumer.endOffsets(List.of(partition)).get(partition)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static Map<String, Long> endOffsets(Admin admin, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (var description :
                admin.describeTopics(topics).allTopicNames().get().values()) {
            description
                    .partitions()
                    .forEach(p ->
                            latest.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.latest()));
        }
        Map<String, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((partition, end) -> ends.put(partition.toString(), end.offset()));
        return ends;
    }

    private static long oneTimeCertificates(ProcessStack stack) throws Exception {
        return count(stack, "select count(*) from certs.certificate where kind = 'ONE_TIME'");
    }

    private static long deliveryAttempts(ProcessStack stack) throws Exception {
        return count(stack, "select count(*) from notify.delivery_attempt");
    }

    private static long count(ProcessStack stack, String sql) throws Exception {
        try (Connection db = stack.postgres().superuserConnection();
                Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
