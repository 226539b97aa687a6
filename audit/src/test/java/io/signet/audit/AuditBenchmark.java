package io.signet.audit;

import io.signet.audit.ingest.AuditAppender;
import io.signet.audit.ingest.AuditEntryDao;
import io.signet.audit.ingest.AuditEventListener;
import io.signet.audit.merkle.AuditTree;
import io.signet.schemas.KafkaCloudEvents;
import io.signet.schemas.SignetEvent;
import io.signet.schemas.audit.AuditRecord;
import io.signet.schemas.audit.AuditRecords;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.jdbi.v3.core.Jdbi;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Benchmark of the audit service on the real embedded stack (PostgreSQL, Kafka, SoftHSM2, all in this JVM):
 *
 * <ol>
 *   <li>entries appended/s end to end: {@value #EVENTS} events are published while the listener is paused, then it
 *       is resumed and timed until all are in the log (consume, decode, derive, hash, chain, batched insert);
 *   <li>entries appended/s by the appender alone ({@value #EVENTS} derived records in batches of 5,000, the listener's batch size);
 *   <li>inclusion proofs generated/s from the in-memory tree, and transaction proofs/s over HTTP ({@code GET
 *       /v1/audit/proof/{signatureId}}: database query, proofs, JSON).
 * </ol>
 *
 * Run from the repository root with one command (the target is 10,000 entries/s):
 *
 * <pre>
 * mvn -B -q -pl audit -am install -DskipTests &amp;&amp; mvn -B -q -pl audit test-compile dependency:build-classpath \
 *   -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test &amp;&amp; \
 *   SOFTHSM2_CONF=$PWD/audit/target/softhsm2/softhsm2.conf java --sun-misc-unsafe-memory-access=allow \
 *   -cp "audit/target/test-classes:audit/target/classes:$(cat audit/target/bench.cp)" io.signet.audit.AuditBenchmark
 * </pre>
 *
 * Bounded: a fixed number of events, traffic only to 127.0.0.1; data under {@code target/it-stack} (wiped).
 */
public final class AuditBenchmark {

    static final int EVENTS = 50_000;
    static final int PROOFS = 20_000;
    static final int HTTP_PROOFS = 2_000;

    private AuditBenchmark() {}

    public static void main(String[] args) throws Exception {
        try (AuditTestStack stack = AuditTestStack.startStandalone()) {
            Jdbi jdbi = stack.serviceJdbi();
            AuditEntryDao dao = jdbi.onDemand(AuditEntryDao.class);
            warmUp(stack, dao);

            double endToEnd = endToEnd(stack, dao);
            double appender = appenderAlone(stack, dao);
            double proofs = inMemoryProofs(stack.service().getBean(AuditTree.class));
            double httpProofs = httpProofs(stack, dao);

            System.out.printf("%naudit benchmark (%d events, 2 cores shared with PostgreSQL and Kafka)%n", EVENTS);
            System.out.printf("  entries appended/s, end to end from Kafka : %,10.0f%n", endToEnd);
            System.out.printf("  entries appended/s, appender alone        : %,10.0f%n", appender);
            System.out.printf(
                    "  inclusion proofs/s, in-memory tree        : %,10.0f  (log of %,d entries)%n",
                    proofs, dao.size());
            System.out.printf(
                    "  transaction proofs/s over HTTP            : %,10.0f  (each with ~6 entries)%n", httpProofs);
        }
        System.exit(0); // Kafka's and Spring's non-daemon threads are gone; be sure nothing lingers
    }

    private static void warmUp(AuditTestStack stack, AuditEntryDao dao) {
        long before = dao.size();
        for (int i = 0; i < 200; i++) {
            stack.publish(SampleEvents.transaction().getFirst(), null);
        }
        await(() -> dao.size() >= before + 200);
    }

    private static double endToEnd(AuditTestStack stack, AuditEntryDao dao) {
        MessageListenerContainer container = stack.service()
                .getBean(KafkaListenerEndpointRegistry.class)
                .getListenerContainer(AuditEventListener.ID);
        container.pause();
        KafkaCloudEvents events = new KafkaCloudEvents("audit-benchmark");
        long before = dao.size();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.bootstrap(),
                        ProducerConfig.LINGER_MS_CONFIG,
                        5,
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        256 * 1024),
                new StringSerializer(),
                new ByteArraySerializer())) {
            int sent = 0;
            while (sent < EVENTS) {
                for (SignetEvent event : SampleEvents.transaction()) {
                    if (sent++ < EVENTS) {
                        producer.send(events.toProducerRecord(event, null));
                    }
                }
            }
            producer.flush();
        }
        long start = System.nanoTime();
        container.resume();
        await(() -> dao.size() >= before + EVENTS);
        return EVENTS / seconds(start);
    }

    private static double appenderAlone(AuditTestStack stack, AuditEntryDao dao) {
        AuditRecords derive = stack.service().getBean(AuditRecords.class);
        KafkaCloudEvents events = new KafkaCloudEvents("audit-benchmark");
        List<io.signet.schemas.CloudEventEnvelope<?>> envelopes = new ArrayList<>(EVENTS);
        while (envelopes.size() < EVENTS) {
            for (SignetEvent event : SampleEvents.transaction()) {
                envelopes.add(events.envelope(event, null));
            }
        }
        List<AuditRecord> records = new ArrayList<>(EVENTS);
        envelopes.forEach(e -> records.add(derive.derive(e)));
        AuditAppender appender = stack.service().getBean(AuditAppender.class);
        long start = System.nanoTime();
        for (int i = 0; i < EVENTS; i += 5_000) {
            appender.append(records.subList(i, Math.min(EVENTS, i + 5_000)));
        }
        return EVENTS / seconds(start);
    }

    private static double inMemoryProofs(AuditTree tree) {
        long size = tree.size();
        long start = System.nanoTime();
        long pathNodes = 0;
        for (int i = 0; i < PROOFS; i++) {
            pathNodes += tree.inclusionProof(ThreadLocalRandom.current().nextLong(size), size)
                    .size();
        }
        double rate = PROOFS / seconds(start);
        if (pathNodes == 0) {
            throw new IllegalStateException("no proof was made");
        }
        return rate;
    }

    private static double httpProofs(AuditTestStack stack, AuditEntryDao dao) throws Exception {
        // The latest head must cover what is asked for: wait for the scheduled head.
        long size = dao.size();
        stack.service().getBean(io.signet.audit.head.TreeHeadMaker.class).makeHead();
        List<String> signatureIds = dao.page(size - 6_000, 6_000).stream()
                .map(e -> e.signatureId())
                .filter(id -> id != null)
                .distinct()
                .toList();
        String token = Files.readString(stack.auditorTokenFile()).strip();
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long start = System.nanoTime();
        for (int i = 0; i < HTTP_PROOFS; i++) {
            String id = signatureIds.get(i % signatureIds.size());
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/v1/audit/proof/" + id))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("proof answered " + response.statusCode());
            }
        }
        return HTTP_PROOFS / seconds(start);
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        Awaitility.await()
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(50))
                .until(condition);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
