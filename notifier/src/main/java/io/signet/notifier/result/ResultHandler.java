package io.signet.notifier.result;

import io.signet.notifier.delivery.CallbackPlanner;
import io.signet.notifier.delivery.DeliveryDispatcher;
import io.signet.notifier.result.ResultDao.Ending;
import io.signet.notifier.result.ResultDao.Registration;
import io.signet.schemas.Base64Bytes;
import io.signet.schemas.SignCompleted;
import io.signet.schemas.SignFailed;
import io.signet.schemas.SignRequested;
import io.signet.schemas.Topics;
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

    /** Registers a request's owner, deadline and callback details (and plans its callback if it already ended). */
    public void requested(String eventId, SignRequested event) {
        int planned = jdbi.inTransaction(handle -> {
            ResultDao dao = handle.attach(ResultDao.class);
            if (!dao.markProcessed(eventId, Topics.SIGN_REQUESTED)) {
                return 0;
            }
            Optional<SignatureResult> registered = dao.register(new Registration(
                    event.signatureId(),
                    event.rpId(),
                    event.deadline(),
                    event.callbackUrl(),
                    event.nonce(),
                    event.state()));
            return registered.map(row -> changed(handle, row)).orElse(0);
        });
        wakeDispatcher(planned);
    }

    /** Stores a signature, unless the request has ended already. */
    public void completed(String eventId, SignCompleted event) {
        end(
                eventId,
                Topics.SIGN_COMPLETED,
                new Ending(
                        event.signatureId(),
                        event.rpId(),
                        ResultStatus.COMPLETED,
                        event.signature().base64(),
                        event.certificate(),
                        Optional.ofNullable(event.signatureTimestamp())
                                .map(Base64Bytes::base64)
                                .orElse(null),
                        null,
                        COMPLETED_MESSAGE,
                        event.completedAt()));
    }

    /** Stores a failure, unless the request has ended already. */
    public void failed(String eventId, SignFailed event) {
        end(
                eventId,
                Topics.SIGN_FAILED,
                new Ending(
                        event.signatureId(),
                        event.rpId(),
                        ResultStatus.FAILED,
                        null,
                        null,
                        null,
                        event.errorCode().name(),
                        event.message(),
                        event.failedAt()));
    }

    private void end(String eventId, String topic, Ending ending) {
        int planned = jdbi.inTransaction(handle -> {
            ResultDao dao = handle.attach(ResultDao.class);
            if (!dao.markProcessed(eventId, topic)) {
                return 0;
            }
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
        });
        wakeDispatcher(planned);
    }

    /** Plans callbacks of an ended row and announces the change to waiting pollers (both at commit). */
    private int changed(Handle handle, SignatureResult row) {
        int planned = planner.plan(handle, row);
        handle.attach(ResultDao.class).announce(row.signatureId());
        return planned;
    }

    private void wakeDispatcher(int planned) {
        if (planned > 0) {
            dispatcher.wakeUp();
        }
    }
}
