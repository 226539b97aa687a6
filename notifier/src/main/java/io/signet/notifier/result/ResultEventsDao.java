package io.signet.notifier.result;

import io.signet.platform.persistence.ClasspathSql;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Applies the result consumers' events to {@code notify.signature_result} and records them in the processed-event
 * ledger. Each method takes a whole batch and runs one set-based statement (arrays bound as {@code unnest} columns),
 * so that a Kafka poll of hundreds of events costs a handful of round trips, not several per event. Apart from {@link
 * ResultDao} because Jdbi prepares every method of a DAO on each {@code attach}, and this one is attached per batch.
 */
@ClasspathSql
@RegisterConstructorMapper(SignatureResult.class)
public interface ResultEventsDao {

    /** Records Kafka event ids; returns those not processed before (the caller applies only their events). */
    default Set<String> markProcessed(List<String> eventIds, List<String> topics) {
        return markProcessed(eventIds.toArray(String[]::new), topics.toArray(String[]::new));
    }

    @SqlQuery("markProcessed")
    Set<String> markProcessed(@Bind("eventIds") String[] eventIds, @Bind("topics") String[] topics);

    /**
     * Records the events' ids and registers the details of the first request per signatureId among the events not
     * processed before, in one statement, and announces the rows changed. Returns the rows this call registered (new
     * rows, or rows that a result created earlier); requests registered before are left out.
     */
    default List<SignatureResult> register(List<Registration> registrations) {
        if (registrations.isEmpty()) {
            return List.of();
        }
        return register(
                column(registrations, Registration::eventId),
                column(registrations, Registration::topic),
                column(registrations, Registration::signatureId),
                column(registrations, Registration::rpId),
                column(registrations, r -> Objects.toString(r.deadline(), null)),
                column(registrations, Registration::callbackUrl),
                column(registrations, Registration::nonce),
                column(registrations, Registration::state),
                column(registrations, Registration::traceparent));
    }

    @SqlQuery("register")
    List<SignatureResult> register(
            @Bind("eventIds") String[] eventIds,
            @Bind("topics") String[] topics,
            @Bind("signatureIds") String[] signatureIds,
            @Bind("rpIds") String[] rpIds,
            @Bind("deadlines") String[] deadlines,
            @Bind("callbackUrls") String[] callbackUrls,
            @Bind("nonces") String[] nonces,
            @Bind("states") String[] states,
            @Bind("traceparents") String[] traceparents);

    /**
     * Records the events' ids and ends requests with their first terminal result among the events not processed
     * before, in one statement, and announces the rows changed. Returns the rows this call ended; rows that had
     * already ended (a duplicate, a second result or a late result after expiry) are left out.
     */
    default List<SignatureResult> end(List<Ending> endings) {
        if (endings.isEmpty()) {
            return List.of();
        }
        return end(
                column(endings, Ending::eventId),
                column(endings, Ending::topic),
                column(endings, Ending::signatureId),
                column(endings, Ending::rpId),
                column(endings, Ending::statusName),
                column(endings, Ending::signature),
                column(endings, Ending::certificate),
                column(endings, Ending::signatureTimestamp),
                column(endings, Ending::errorCode),
                column(endings, Ending::message),
                column(endings, e -> Objects.toString(e.endedAt(), null)),
                column(endings, Ending::traceparent));
    }

    @SqlQuery("end")
    List<SignatureResult> end(
            @Bind("eventIds") String[] eventIds,
            @Bind("topics") String[] topics,
            @Bind("signatureIds") String[] signatureIds,
            @Bind("rpIds") String[] rpIds,
            @Bind("statuses") String[] statuses,
            @Bind("signatures") String[] signatures,
            @Bind("certificates") String[] certificates,
            @Bind("signatureTimestamps") String[] signatureTimestamps,
            @Bind("errorCodes") String[] errorCodes,
            @Bind("messages") String[] messages,
            @Bind("endedAts") String[] endedAts,
            @Bind("traceparents") String[] traceparents);

    private static <T> String[] column(List<T> rows, Function<T, String> value) {
        return rows.stream().map(value).toArray(String[]::new);
    }

    /** Request details from a sign request event, with the event's id, topic and W3C traceparent. */
    record Registration(
            String eventId,
            String topic,
            String signatureId,
            String rpId,
            Instant deadline,
            String callbackUrl,
            String nonce,
            String state,
            String traceparent) {}

    /** A terminal result, with its event's id, topic and W3C traceparent. */
    record Ending(
            String eventId,
            String topic,
            String signatureId,
            String rpId,
            ResultStatus status,
            String signature,
            String certificate,
            String signatureTimestamp,
            String errorCode,
            String message,
            Instant endedAt,
            String traceparent) {

        /** Name of the status, for binding. */
        public String statusName() {
            return status.name();
        }
    }
}
