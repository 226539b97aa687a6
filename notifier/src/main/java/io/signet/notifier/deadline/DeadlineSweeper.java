package io.signet.notifier.deadline;

import io.signet.notifier.delivery.CallbackPlanner;
import io.signet.notifier.delivery.Delivery;
import io.signet.notifier.delivery.DeliveryDispatcher;
import io.signet.notifier.outbox.Outbox;
import io.signet.notifier.outbox.OutboxRelay;
import io.signet.notifier.result.ResultDao;
import io.signet.notifier.result.SignatureResult;
import io.signet.platform.logging.TraceMdc;
import io.signet.schemas.SignExpired;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ends pending requests whose deadline passed as EXPIRED, exactly once: the update only touches PENDING rows and
 * skips rows locked by a concurrent result or another instance's sweep. Their callbacks and a {@link SignExpired}
 * event each (in the outbox, published right after the commit) are created in the same transaction. A result
 * arriving later finds the row ended and is discarded; cert-worker revokes its certificate on the event.
 */
@Component
public class DeadlineSweeper {

    static final String EXPIRED_MESSAGE = "the request was not completed before its deadline";
    private static final Logger log = LoggerFactory.getLogger(DeadlineSweeper.class);

    private final Jdbi jdbi;
    private final CallbackPlanner planner;
    private final DeliveryDispatcher dispatcher;
    private final DeadlineProperties properties;
    private final Outbox outbox;
    private final OutboxRelay relay;

    DeadlineSweeper(
            Jdbi jdbi,
            CallbackPlanner planner,
            DeliveryDispatcher dispatcher,
            DeadlineProperties properties,
            Outbox outbox,
            OutboxRelay relay) {
        this.jdbi = jdbi;
        this.planner = planner;
        this.dispatcher = dispatcher;
        this.properties = properties;
        this.outbox = outbox;
        this.relay = relay;
    }

    @Scheduled(fixedDelayString = "${signet.notifier.deadline.sweep-interval:1s}", initialDelay = 500)
    void scheduledSweep() {
        try {
            while (sweep() == properties.batchSize()) {
                // a full batch: more may be due
            }
        } catch (RuntimeException e) {
            log.warn("deadline sweep failed, retrying next time: {}", e.toString());
        }
    }

    private record Expired(List<SignatureResult> rows, List<Delivery> created) {}

    /** Expires one batch of overdue requests; returns how many. */
    public int sweep() {
        Expired expired = jdbi.inTransaction(handle -> {
            ResultDao dao = handle.attach(ResultDao.class);
            List<SignatureResult> rows = dao.expireDue(properties.batchSize(), EXPIRED_MESSAGE);
            List<Delivery> created = planner.plan(handle, rows);
            for (SignatureResult row : rows) {
                outbox.add(
                        handle,
                        new SignExpired(row.signatureId(), row.rpId(), row.deadline(), row.endedAt()),
                        row.traceparent());
            }
            dao.announce(rows.stream().map(SignatureResult::signatureId).toList());
            return new Expired(rows, created);
        });
        for (SignatureResult row : expired.rows()) {
            try (TraceMdc.Scope trace = TraceMdc.enter(row.traceparent())) {
                log.info("signatureId={} expired at its deadline", row.signatureId());
            }
        }
        dispatcher.created(expired.created());
        if (!expired.rows().isEmpty()) {
            relay.relaySoon(); // rather than at the relay's next poll; a failure leaves the rows for it
        }
        return expired.rows().size();
    }
}
