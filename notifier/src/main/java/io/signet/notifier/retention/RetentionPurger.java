package io.signet.notifier.retention;

import io.signet.notifier.result.ResultDao;
import java.time.Clock;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes results (with their callbacks and attempts) and processed-event ids older than the retention period, and
 * logs every purge. Safe on several instances: a delete of already deleted rows does nothing.
 */
@Component
public class RetentionPurger {

    private static final Logger log = LoggerFactory.getLogger(RetentionPurger.class);

    private final Jdbi jdbi;
    private final RetentionProperties properties;
    private final Clock clock;

    RetentionPurger(Jdbi jdbi, RetentionProperties properties, Clock clock) {
        this.jdbi = jdbi;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${signet.notifier.retention.purge-interval:1h}", initialDelay = 60_000)
    void scheduledPurge() {
        try {
            purge();
        } catch (RuntimeException e) {
            log.warn("retention purge failed, retrying next time: {}", e.toString());
        }
    }

    /** Purges everything that ended before now minus the retention period; returns the number of results. */
    public Purged purge() {
        Instant cutoff = clock.instant().minus(properties.period());
        Purged purged = jdbi.inTransaction(handle -> {
            ResultDao dao = handle.attach(ResultDao.class);
            return new Purged(cutoff, dao.purgeEndedBefore(cutoff), dao.purgeProcessedEventsBefore(cutoff));
        });
        log.info(
                "retention purge: {} results (with their callbacks) and {} processed event ids older than {} deleted",
                purged.results(),
                purged.processedEvents(),
                cutoff);
        return purged;
    }

    /**
     * @param cutoff everything that ended before this instant was deleted
     * @param results number of results deleted
     * @param processedEvents number of processed-event ids deleted
     */
    public record Purged(Instant cutoff, int results, int processedEvents) {}
}
