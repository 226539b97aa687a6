package io.signet.notifier.result;

import io.signet.notifier.delivery.CallbackPlanner;
import io.signet.notifier.delivery.DeliveryDispatcher;
import io.signet.notifier.result.ResultDao.Ending;
import io.signet.notifier.result.ResultDao.Registration;
import io.signet.schemas.Base64Bytes;
import io.signet.schemas.SignCompleted;
import io.signet.schemas.SignFailed;
import io.signet.schemas.SignRequested;
import io.signet.schemas.SignetEvent;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies sign events to the stored results, idempotently: each event id is recorded in the same transaction as its
 * effect (a redelivered event changes nothing), the first terminal result of a signatureId wins, and a result and its
 * callbacks commit together. The request and its result travel on different topics, so either may come first.
 * Thread-safe (stateless; concurrency is handled by PostgreSQL).
 */
@Component
public class ResultHandler {

    static final String COMPLETED_MESSAGE = "Signature generated successfully";
    private static final Logger log = LoggerFactory.getLogger(ResultHandler.class);

    private final Jdbi jdbi;
    private final CallbackPlanner planner;
    private final DeliveryDispatcher dispatcher;

    ResultHandler(Jdbi jdbi, CallbackPlanner planner, DeliveryDispatcher dispatcher) {
        this.jdbi = jdbi;
        this.planner = planner;
        this.dispatcher = dispatcher;
    }

    /**
     * Applies events in one transaction (one commit for a whole Kafka poll), in order. Throws if any fails, in which
     * case none is applied.
     */
    public void apply(List<ResultEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        int planned = jdbi.inTransaction(handle -> {
            ResultDao dao = handle.attach(ResultDao.class);
            int count = 0;
            for (ResultEvent event : events) {
                if (dao.markProcessed(event.eventId(), event.topic())) {
                    count += applyNew(handle, dao, event.payload());
                }
            }
            return count;
        });
        if (planned > 0) {
            dispatcher.wakeUp();
        }
    }

    private int applyNew(Handle handle, ResultDao dao, SignetEvent payload) {
        return switch (payload) {
            case SignRequested requested ->
                dao.register(new Registration(
                                requested.signatureId(),
                                requested.rpId(),
                                requested.deadline(),
                                requested.callbackUrl(),
                                requested.nonce(),
                                requested.state()))
                        .map(row -> changed(handle, row))
                        .orElse(0);
            case SignCompleted completed ->
                end(
                        handle,
                        dao,
                        new Ending(
                                completed.signatureId(),
                                completed.rpId(),
                                ResultStatus.COMPLETED,
                                completed.signature().base64(),
                                completed.certificate(),
                                Optional.ofNullable(completed.signatureTimestamp())
                                        .map(Base64Bytes::base64)
                                        .orElse(null),
                                null,
                                COMPLETED_MESSAGE,
                                completed.completedAt()));
            case SignFailed failed ->
                end(
                        handle,
                        dao,
                        new Ending(
                                failed.signatureId(),
                                failed.rpId(),
                                ResultStatus.FAILED,
                                null,
                                null,
                                null,
                                failed.errorCode().name(),
                                failed.message(),
                                failed.failedAt()));
            default -> 0; // not an event of the notifier
        };
    }

    private int end(Handle handle, ResultDao dao, Ending ending) {
        Optional<SignatureResult> ended = dao.end(ending);
        if (ended.isPresent()) {
            return changed(handle, ended.get());
        }
        dao.find(ending.signatureId()).ifPresent(existing -> {
            if (existing.status() == ResultStatus.EXPIRED) {
                log.info("late result for signatureId={} discarded: the request expired", ending.signatureId());
            } else {
                log.debug("result for signatureId={} ignored: already {}", ending.signatureId(), existing.status());
            }
        });
        return 0;
    }

    /** Plans callbacks of an ended row and announces the change to waiting pollers (both at commit). */
    private int changed(Handle handle, SignatureResult row) {
        int planned = planner.plan(handle, row);
        handle.attach(ResultDao.class).announce(row.signatureId());
        return planned;
    }
}
