package io.signet.notifier.retention;

import io.signet.notifier.outbox.Outbox;
import io.signet.notifier.outbox.OutboxRelay;
import io.signet.notifier.result.ResultDao;
import io.signet.schemas.ResultsPurged;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes results (with their callbacks and attempts) and processed-event ids older than the retention period. A
 * purge that deleted anything records a {@link ResultsPurged} event in the outbox in the same transaction, so the
 * audit trail has every deletion of results and nothing that did not happen; the relay publishes it right after. Safe
 * on several instances: a delete of already deleted rows does nothing (and then records no event).
 */
@Component
public class RetentionPurger {

    private static final Logger log = LoggerFactory.getLogger(RetentionPurger.class);

    private final Jdbi jdbi;
    private final RetentionProperties properties;
    private final Clock clock;
    private final Outbox outbox;
    private final OutboxRelay relay;

    RetentionPurger(Jdbi jdbi, RetentionProperties properties, Clock clock, Outbox outbox, OutboxRelay relay) {
        this.jdbi = jdbi;
        this.properties = properties;
        this.clock = clock;
        this.outbox = outbox;
        this.relay = relay;
    }

    @Scheduled(fixedDelayString = "${signet.notifier.retention.purge-interval:1h}", initialDelay = 60_000)
    void scheduledPurge() {
        try {
            purge();
        } catch (RuntimeException e) {
            log.warn("retention purge failed, retrying next time: {}", e.toString());
        }
    }

    /** Purges everything that ended before now minus the retention period; returns what was deleted. */
    public Purged purge() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(properties.period());
        Purged purged = jdbi.inTransaction(handle -> {
            ResultDao dao = handle.attach(ResultDao.class);
            ResultDao.PurgedResults results = dao.purgeEndedBefore(cutoff);
            int processedEvents = dao.purgeProcessedEventsBefore(cutoff);
            if (results.results() == 0 && processedEvents == 0) {
                return new Purged(cutoff, 0, 0, null);
            }
            ResultsPurged event = new ResultsPurged(
                    UUID.randomUUID().toString(),
                    cutoff,
                    results.results(),
                    processedEvents,
                    results.oldestEndedAt(),
                    results.newestEndedAt(),
                    now);
            outbox.add(handle, event);
            return new Purged(cutoff, results.results(), processedEvents, event.purgeId());
        });
        log.info(
                "retention purge: {} results (with their callbacks) and {} processed event ids older than {} deleted",
                purged.results(),
                purged.processedEvents(),
                cutoff);
        if (purged.purgeId() != null) {
            relay.relaySoon(); // rather than at the relay's next poll; a failure leaves the row for it
        }
        return purged;
    }

    /**
     * @param cutoff everything that ended before this instant was deleted
     * @param results number of results deleted
     * @param processedEvents number of processed-event ids deleted
     * @param purgeId id of the {@link ResultsPurged} event recorded for the audit trail; null when nothing was deleted
     *     (no event)
     */
    public record Purged(Instant cutoff, int results, int processedEvents, String purgeId) {}
}
