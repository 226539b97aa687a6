package io.signet.gateway.idempotency;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes expired idempotency keys in small batches so the table stays at about a day of keys. */
@Component
class IdempotencyKeyPurger {

    private static final int BATCH = 5_000;

    private final Jdbi jdbi;
    private final Clock clock;

    IdempotencyKeyPurger(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${signet.gateway.idempotency.purge-interval:PT10M}", initialDelay = 60_000)
    void purge() {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        int deleted;
        do {
            deleted = jdbi.withExtension(IdempotencyKeyDao.class, dao -> dao.purgeExpired(now, BATCH));
        } while (deleted == BATCH);
    }
}
