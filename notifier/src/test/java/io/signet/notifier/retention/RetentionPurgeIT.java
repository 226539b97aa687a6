package io.signet.notifier.retention;

import static io.signet.notifier.support.NotifierStack.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signet.notifier.outbox.OutboxDao;
import io.signet.notifier.result.ResultDao;
import io.signet.notifier.result.ResultStatus;
import io.signet.notifier.support.Events;
import io.signet.notifier.support.NotifierStack;
import io.signet.schemas.CloudEventEnvelope;
import io.signet.schemas.ResultsPurged;
import io.signet.schemas.Topics;
import io.signet.schemas.audit.AuditRecord;
import io.signet.schemas.audit.AuditRecords;
import io.signet.schemas.audit.SignerPseudonyms;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** A retention purge that deletes results leaves exactly one audit-able event on {@code signet.results.purged}. */
class RetentionPurgeIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);

    @Test
    void purgeOfOldResultsPublishesOneAuditableEventWithTheCountAndAnEmptyPurgePublishesNone() {
        try (ConfigurableApplicationContext notifier = NotifierStack.startNotifier(
                "notifier_retention", "retention-it", Map.of("signet.notifier.retention.period", "1h"))) {
            Jdbi jdbi = notifier.getBean(Jdbi.class);
            ResultDao results = jdbi.onDemand(ResultDao.class);
            List<String> old = List.of(Events.newId(), Events.newId());
            String recent = Events.newId();
            for (String id : List.of(old.get(0), old.get(1), recent)) {
                publish(Events.requested(id, "rp-a", null, Duration.ofMinutes(1)));
                publish(Events.completed(id, "rp-a", new byte[] {1}));
            }
            await().atMost(WAIT)
                    .pollInterval(POLL)
                    .until(() -> List.of(old.get(0), old.get(1), recent).stream()
                            .allMatch(id -> results.find(id)
                                    .map(r -> r.status() == ResultStatus.COMPLETED)
                                    .orElse(false)));
            // Two results ended two hours ago, beyond the one hour retention; the third just now.
            jdbi.useHandle(
                    handle -> handle.createUpdate("update signature_result set ended_at = now() - interval '2 hours'"
                                    + " where signature_id in (<ids>)")
                            .bindList("ids", old)
                            .execute());

            RetentionPurger.Purged purged =
                    notifier.getBean(RetentionPurger.class).purge();

            assertThat(purged.results()).isEqualTo(2);
            assertThat(purged.purgeId()).isNotNull();
            assertThat(results.find(old.get(0))).isEmpty();
            assertThat(results.find(old.get(1))).isEmpty();
            assertThat(results.find(recent)).isPresent();

            List<CloudEventEnvelope<?>> events = NotifierStack.published(Topics.RESULTS_PURGED, purged.purgeId());
            assertThat(events).hasSize(1);
            CloudEventEnvelope<?> event = events.getFirst();
            assertThat(event.source()).hasToString("/signet/notifier");
            assertThat(event.payload()).isInstanceOfSatisfying(ResultsPurged.class, payload -> {
                assertThat(payload.results()).isEqualTo(2);
                assertThat(payload.cutoff()).isEqualTo(purged.cutoff());
                assertThat(payload.oldestEndedAt()).isNotNull().isBeforeOrEqualTo(payload.newestEndedAt());
                assertThat(payload.newestEndedAt()).isBefore(payload.cutoff());
            });
            // What the audit service appends for it.
            AuditRecord record = new AuditRecords(new SignerPseudonyms(
                            "audit-pseudonym-key-for-this-test".getBytes(StandardCharsets.US_ASCII)))
                    .derive(event);
            assertThat(record.status()).isEqualTo("RESULTS_PURGED");
            assertThat(record.detail()).startsWith("results=2 ");
            assertThat(record.signatureId()).isNull();
            // Deleted once Kafka acknowledged it, a moment after it is readable there.
            await().atMost(WAIT)
                    .pollInterval(POLL)
                    .until(() -> jdbi.onDemand(OutboxDao.class).count() == 0);

            RetentionPurger.Purged nothing =
                    notifier.getBean(RetentionPurger.class).purge();
            assertThat(nothing.results()).isZero();
            assertThat(nothing.purgeId()).isNull();
            assertThat(jdbi.onDemand(OutboxDao.class).count()).isZero();
        }
    }
}
