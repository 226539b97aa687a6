package io.signet.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.signet.audit.ingest.AuditEntryDao;
import io.signet.hsm.secrets.SecretFiles;
import io.signet.schemas.CertStatusChanged;
import io.signet.schemas.CloudEventEnvelope;
import io.signet.schemas.KeyDestroyed;
import io.signet.schemas.SignExpired;
import io.signet.schemas.SignRequested;
import io.signet.schemas.SignetEvent;
import io.signet.schemas.Topics;
import io.signet.schemas.audit.AuditEntry;
import io.signet.schemas.audit.AuditLogCheck;
import io.signet.schemas.audit.SignerPseudonyms;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AuditTestStack.class)
class AuditIngestIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);

    private final AuditTestStack stack = AuditTestStack.get();
    private final Jdbi jdbi = stack.serviceJdbi();

    private List<AuditEntry> entriesOf(String signatureId) {
        return jdbi.onDemand(AuditEntryDao.class).ofTransaction(signatureId);
    }

    private List<AuditEntry> allEntries() {
        return jdbi.onDemand(AuditEntryDao.class).page(0, Integer.MAX_VALUE);
    }

    @Test
    void eventsOnEveryTopicLandOnceEachEvenWhenDeliveredTwice() {
        List<SignetEvent> transaction = SampleEvents.transaction();
        String signatureId = ((SignRequested) transaction.getFirst()).signatureId();
        List<CloudEventEnvelope<?>> sent = new ArrayList<>();
        for (SignetEvent event : transaction) {
            sent.add(stack.publish(event, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        }
        SignExpired expiry = new SignExpired(signatureId, "rp-audit-test", Instant.now(), Instant.now());
        sent.add(sent.size() - 1, stack.publish(expiry, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        CloudEventEnvelope<?> purge = stack.publish(SampleEvents.resultsPurged(), null);
        sent.forEach(stack::publish); // redelivery of every record with the same ce_id
        stack.publish(purge); // the notifier's outbox relay may publish a purge twice, with the same ce_id

        await().atMost(WAIT)
                .pollInterval(POLL)
                .untilAsserted(() -> assertThat(entriesOf(signatureId)).hasSize(7));
        List<String> ids = java.util.stream.Stream.concat(sent.stream(), java.util.stream.Stream.of(purge))
                .map(CloudEventEnvelope::id)
                .toList();
        await().atMost(WAIT)
                .pollInterval(POLL)
                .untilAsserted(() ->
                        assertThat(allEntries()).extracting(AuditEntry::eventId).containsAll(ids));
        // Once everything published is processed, count: exactly one entry per event id.
        stack.awaitCaughtUp();
        List<AuditEntry> all = allEntries();
        assertThat(all.stream().filter(e -> ids.contains(e.eventId()))).hasSize(Topics.ALL.size());
        assertThat(entriesOf(signatureId))
                .extracting(AuditEntry::status)
                .containsExactlyInAnyOrder(
                        "REQUESTED",
                        "CERT_REQUESTED",
                        "CERT_ISSUED",
                        "COMPLETED",
                        "KEY_DESTROYED",
                        "FAILED",
                        "EXPIRED");
        assertThat(all)
                .filteredOn(e -> e.eventId().equals(sent.getLast().id()))
                .singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo("CERT_EXPIRED"));
        assertThat(all)
                .filteredOn(e -> e.eventId().equals(purge.id()))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.status()).isEqualTo("RESULTS_PURGED");
                    assertThat(e.detail()).startsWith("results=3 processedEvents=9 cutoff=");
                    assertThat(e.signatureId()).isNull();
                    assertThat(e.source()).isEqualTo("/signet/audit-test");
                });
        assertThat(entriesOf(signatureId))
                .allSatisfy(e -> assertThat(e.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736"));
    }

    @Test
    void positionsAreGaplessAndTheChainOfTheWholeLogVerifies() {
        List<SignetEvent> transaction = SampleEvents.transaction();
        transaction.forEach(event -> stack.publish(event, null));
        String signatureId = ((SignRequested) transaction.getFirst()).signatureId();
        await().atMost(WAIT)
                .pollInterval(POLL)
                .untilAsserted(() -> assertThat(entriesOf(signatureId)).hasSize(6));
        AuditLogCheck check = new AuditLogCheck();
        List<AuditEntry> all = allEntries();
        all.forEach(check::accept);
        assertThat(check.firstBreak()).isEmpty();
        assertThat(all.getLast().position()).isEqualTo(all.size() - 1);
    }

    @Test
    void aKeyDestructionIsLoggedWithItsTransactionAndThePseudonymOfItsSigner() throws Exception {
        List<SignetEvent> transaction = SampleEvents.transaction();
        SignRequested request = (SignRequested) transaction.getFirst();
        KeyDestroyed destroyed = (KeyDestroyed) transaction.get(4);
        stack.publish(request, null);
        stack.publish(destroyed, null);
        await().atMost(WAIT)
                .pollInterval(POLL)
                .untilAsserted(
                        () -> assertThat(entriesOf(request.signatureId())).hasSize(2));
        AuditEntry entry = entriesOf(request.signatureId()).stream()
                .filter(e -> e.status().equals("KEY_DESTROYED"))
                .findFirst()
                .orElseThrow();
        assertThat(entry.keyId()).isEqualTo(destroyed.keyId());
        assertThat(entry.detail()).isEqualTo("EC_P256");
        SignerPseudonyms pseudonyms = new SignerPseudonyms(
                SecretFiles.decode(SecretFiles.readOrCreate(stack.pseudonymKeyFile(), 32), stack.pseudonymKeyFile()));
        assertThat(entry.signerId())
                .isEqualTo(pseudonyms.pseudonym(request.signer().subject()))
                .isEqualTo(entriesOf(request.signatureId()).getFirst().signerId());
    }

    @Test
    void noNameSignatureValueOrSubjectIsStored() throws Exception {
        List<SignetEvent> transaction = SampleEvents.transaction();
        SignRequested request = (SignRequested) transaction.getFirst();
        transaction.forEach(event -> stack.publish(event, null));
        await().atMost(WAIT)
                .pollInterval(POLL)
                .untilAsserted(
                        () -> assertThat(entriesOf(request.signatureId())).hasSize(6));
        try (Connection connection = stack.superuser();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "select a::text from audit_entry a where signature_id = '" + request.signatureId() + "'")) {
            while (rows.next()) {
                String row = rows.getString(1);
                assertThat(row)
                        .doesNotContain(SampleEvents.FAMILY_NAME)
                        .doesNotContain("Jonas")
                        .doesNotContain(request.signer().subject())
                        .doesNotContain("Contract 42")
                        .doesNotContain("rp.example");
            }
        }
    }

    @Test
    void aRecordThatBreaksTheContractGoesToTheDeadLetterTopicAndTheLogGoesOn() {
        byte[] garbage = "not a cloud event".getBytes(StandardCharsets.UTF_8);
        String key = "broken-" + UUID.randomUUID();
        stack.send(new ProducerRecord<>(Topics.SIGN_REQUESTED, key, garbage));
        CertStatusChanged after = (CertStatusChanged) SampleEvents.transaction().getLast();
        CloudEventEnvelope<CertStatusChanged> good = stack.publish(after, null);
        await().atMost(WAIT)
                .pollInterval(POLL)
                .untilAsserted(() ->
                        assertThat(allEntries()).extracting(AuditEntry::eventId).contains(good.id()));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.bootstrap(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "dlt-check-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.dlt(Topics.SIGN_REQUESTED)));
            List<ConsumerRecord<String, byte[]>> deadLetters = new ArrayList<>();
            await().atMost(WAIT).pollInterval(POLL).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(deadLetters::add);
                assertThat(deadLetters).anySatisfy(r -> {
                    assertThat(r.key()).isEqualTo(key);
                    assertThat(r.value()).isEqualTo(garbage);
                });
            });
        }
    }

    @Test
    void valuesWithTabsNewlinesBackslashesAndNonAsciiSurviveTheCopyUnchanged() {
        String awkward = "rp\twith\ttabs\nand\\back\\slashes\r\u00e9\u4e2d\\N";
        String signatureId = UUID.randomUUID().toString();
        CloudEventEnvelope<?> failed = stack.publish(
                io.signet.schemas.SignFailed.permanent(
                        signatureId,
                        awkward,
                        io.signet.schemas.SignFailed.ErrorCode.INTERNAL,
                        "x",
                        java.time.Instant.now()),
                null);
        CloudEventEnvelope<?> destroyed = stack.publish(
                new KeyDestroyed(
                        "key\\N\t" + signatureId,
                        signatureId,
                        "psn\\N",
                        "signet-sign",
                        io.signet.schemas.KeyAlgorithm.EC_P384,
                        java.time.Instant.now()),
                null);
        await().atMost(WAIT)
                .pollInterval(POLL)
                .untilAsserted(() -> assertThat(entriesOf(signatureId)).hasSize(2));
        io.signet.schemas.audit.AuditRecords derive =
                stack.service().getBean(io.signet.schemas.audit.AuditRecords.class);
        List<AuditEntry> stored = entriesOf(signatureId);
        assertThat(stored)
                .extracting(AuditEntry::record)
                .containsExactlyInAnyOrder(derive.derive(failed), derive.derive(destroyed));
        assertThat(stored).allSatisfy(e -> assertThat(e.computedLeafHash()).isEqualTo(e.leafHash()));
        assertThat(stored).anySatisfy(e -> assertThat(e.rpId()).isEqualTo(awkward));
    }

    @Test
    void theServiceRoleCannotUpdateDeleteOrTruncateEntriesNotEvenAfterGrantingItselfTheRight() {
        stack.publish(SampleEvents.transaction().getFirst(), null);
        await().atMost(WAIT).pollInterval(POLL).until(() -> !allEntries().isEmpty());
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("update audit_entry set status = 'X'")))
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("delete from audit_entry")))
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("truncate audit_entry")))
                .hasMessageContaining("permission denied");
        // The role owns the table, so it could grant itself the rights back; the trigger still refuses.
        jdbi.useTransaction(h -> {
            h.execute("grant update, delete, truncate on audit_entry to current_user");
            try {
                assertThatThrownBy(() -> h.execute("update audit_entry set status = 'X'"))
                        .hasMessageContaining("append-only");
            } finally {
                h.rollback();
            }
        });
        jdbi.useTransaction(h -> {
            h.execute("grant update, delete, truncate on audit_entry to current_user");
            try {
                assertThatThrownBy(() -> h.execute("delete from audit_entry")).hasMessageContaining("append-only");
            } finally {
                h.rollback();
            }
        });
        assertThat(allEntries()).noneMatch(e -> e.status().equals("X"));
    }
}
