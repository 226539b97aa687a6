package io.signet.notifier.result;

import io.signet.notifier.delivery.CallbackPlanner;
import io.signet.notifier.delivery.Delivery;
import io.signet.notifier.delivery.DeliveryDispatcher;
import io.signet.notifier.result.ResultEventsDao.Ending;
import io.signet.notifier.result.ResultEventsDao.Registration;
import io.signet.platform.logging.TraceMdc;
import io.signet.schemas.Base64Bytes;
import io.signet.schemas.SignCompleted;
import io.signet.schemas.SignFailed;
import io.signet.schemas.SignRequested;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
     * Applies events in one transaction (one commit for a whole Kafka poll), with one statement per kind of step for
     * the whole batch rather than per event. Throws if any fails, in which case none is applied.
     */
    public void apply(List<ResultEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<Delivery> created = jdbi.inTransaction(handle -> applyAll(handle, events));
        // After commit: the deliveries exist for good, and their first attempt can start.
        dispatcher.created(created);
    }

    private List<Delivery> applyAll(Handle handle, List<ResultEvent> events) {
        ResultEventsDao dao = handle.attach(ResultEventsDao.class);
        // Same id twice in one batch: the first counts (the ledger would refuse the second).
        Map<String, ResultEvent> byEventId = new LinkedHashMap<>();
        events.forEach(event -> byEventId.putIfAbsent(event.eventId(), event));
        List<Registration> registrations = new ArrayList<>();
        List<Ending> endings = new ArrayList<>();
        List<ResultEvent> others = new ArrayList<>();
        for (ResultEvent event : byEventId.values()) {
            switch (event.payload()) {
                case SignRequested requested -> registrations.add(registration(event, requested));
                case SignCompleted completed -> endings.add(ending(event, completed));
                case SignFailed failed -> endings.add(ending(event, failed));
                default -> others.add(event); // not an event of the notifier: only recorded
            }
        }
        // Each call records its events' ids, applies the new ones and announces the changed rows, in one statement.
        List<SignatureResult> changed = new ArrayList<>(dao.register(registrations));
        List<SignatureResult> ended = dao.end(endings);
        changed.addAll(ended);
        if (!others.isEmpty()) {
            dao.markProcessed(
                    others.stream().map(ResultEvent::eventId).toList(),
                    others.stream().map(ResultEvent::topic).toList());
        }
        if (ended.size() < endings.size()) {
            logIgnored(handle.attach(ResultDao.class), endings, ended, byEventId.values());
        }
        logEnded(ended, byEventId.values());
        return planner.plan(handle, changed);
    }

    private static Registration registration(ResultEvent event, SignRequested requested) {
        return new Registration(
                event.eventId(),
                event.topic(),
                requested.signatureId(),
                requested.rpId(),
                requested.deadline(),
                requested.callbackUrl(),
                requested.nonce(),
                requested.state(),
                event.traceparent());
    }

    private static Ending ending(ResultEvent event, SignCompleted completed) {
        return new Ending(
                event.eventId(),
                event.topic(),
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
                completed.completedAt(),
                event.traceparent());
    }

    private static Ending ending(ResultEvent event, SignFailed failed) {
        return new Ending(
                event.eventId(),
                event.topic(),
                failed.signatureId(),
                failed.rpId(),
                ResultStatus.FAILED,
                null,
                null,
                null,
                failed.errorCode().name(),
                failed.message(),
                failed.failedAt(),
                event.traceparent());
    }

    /**
     * Logs results that did not end their request: it had ended before (a replay, a second result, or a late one
     * after expiry).
     */
    private static void logIgnored(
            ResultDao dao, List<Ending> endings, List<SignatureResult> ended, Collection<ResultEvent> events) {
        Set<String> ignored = new LinkedHashSet<>();
        endings.forEach(ending -> ignored.add(ending.signatureId()));
        ended.forEach(row -> ignored.remove(row.signatureId()));
        Map<String, String> traces = traceparents(events);
        dao.statuses(ignored.toArray(String[]::new)).forEach((signatureId, status) -> {
            try (TraceMdc.Scope trace = TraceMdc.enter(traces.get(signatureId))) {
                if (status == ResultStatus.EXPIRED) {
                    log.info("late result for signatureId={} discarded: the request expired", signatureId);
                } else {
                    log.debug("result for signatureId={} ignored: already {}", signatureId, status);
                }
            }
        });
    }

    private static void logEnded(List<SignatureResult> ended, Collection<ResultEvent> events) {
        if (!log.isDebugEnabled() || ended.isEmpty()) {
            return;
        }
        Map<String, String> traces = traceparents(events);
        for (SignatureResult row : ended) {
            try (TraceMdc.Scope trace = TraceMdc.enter(traces.get(row.signatureId()))) {
                log.debug("result for signatureId={} stored: {}", row.signatureId(), row.status());
            }
        }
    }

    /** signatureId to the traceparent its events carry (all of one request's events carry the same). */
    private static Map<String, String> traceparents(Collection<ResultEvent> events) {
        Map<String, String> traces = new HashMap<>();
        for (ResultEvent event : events) {
            String signatureId = switch (event.payload()) {
                case SignRequested requested -> requested.signatureId();
                case SignCompleted completed -> completed.signatureId();
                case SignFailed failed -> failed.signatureId();
                default -> null;
            };
            if (signatureId != null && event.traceparent() != null) {
                traces.putIfAbsent(signatureId, event.traceparent());
            }
        }
        return traces;
    }
}
