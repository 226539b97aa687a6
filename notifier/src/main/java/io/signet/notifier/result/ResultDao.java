package io.signet.notifier.result;

import io.signet.platform.persistence.ClasspathSql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Table {@code notify.signature_result} and the processed-event ledger of the result consumers. The write methods
 * take whole batches and run one set-based statement each (arrays bound as {@code unnest} columns), so that a Kafka
 * poll of hundreds of events costs a handful of round trips, not several per event.
 */
@ClasspathSql
@RegisterConstructorMapper(SignatureResult.class)
public interface ResultDao {

    /** Notification channel on which changed result rows are announced (payload: comma-separated signatureIds). */
    String CHANNEL = "signet_result";

    /** PostgreSQL refuses notification payloads of 8,000 bytes and more. */
    int MAX_PAYLOAD = 7_900;

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
                column(registrations, Registration::state));
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
            @Bind("states") String[] states);

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
                column(endings, e -> Objects.toString(e.endedAt(), null)));
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
            @Bind("endedAts") String[] endedAts);

    /** Current status by signatureId, for the ids given that exist. */
    @SqlQuery
    @KeyColumn("signature_id")
    @ValueColumn("status")
    Map<String, ResultStatus> statuses(@Bind("signatureIds") String[] signatureIds);

    @SqlQuery
    Optional<SignatureResult> find(@Bind("signatureId") String signatureId);

    /** Expires up to {@code limit} pending requests past their deadline; rows locked elsewhere are skipped. */
    @SqlQuery
    List<SignatureResult> expireDue(@Bind("limit") int limit, @Bind("message") String message);

    /**
     * Announces changed rows on {@link #CHANNEL}, as few notifications as the payload limit allows; PostgreSQL
     * delivers them to listeners when the transaction commits.
     */
    default void announce(List<String> signatureIds) {
        List<String> payloads = new ArrayList<>();
        StringBuilder payload = new StringBuilder();
        for (String id : signatureIds) {
            if (!payload.isEmpty() && payload.length() + 1 + id.length() > MAX_PAYLOAD) {
                payloads.add(payload.toString());
                payload.setLength(0);
            }
            payload.append(payload.isEmpty() ? "" : ",").append(id);
        }
        if (!payload.isEmpty()) {
            payloads.add(payload.toString());
            announce(payloads.toArray(String[]::new));
        }
    }

    @SqlQuery("announce")
    int announce(@Bind("payloads") String[] payloads);

    /** Deletes requests that ended before {@code cutoff} (their deliveries and attempts cascade). */
    @SqlQuery
    @RegisterConstructorMapper(PurgedResults.class)
    PurgedResults purgeEndedBefore(@Bind("cutoff") Instant cutoff);

    @SqlUpdate
    int purgeProcessedEventsBefore(@Bind("cutoff") Instant cutoff);

    private static <T> String[] column(List<T> rows, Function<T, String> value) {
        return rows.stream().map(value).toArray(String[]::new);
    }

    /**
     * What a purge deleted.
     *
     * @param results number of results deleted
     * @param oldestEndedAt end time of the oldest one; null when none was deleted
     * @param newestEndedAt end time of the newest one; null when none was deleted
     */
    record PurgedResults(int results, Instant oldestEndedAt, Instant newestEndedAt) {}

    /** Request details from a sign request event, with the event's id and topic. */
    record Registration(
            String eventId,
            String topic,
            String signatureId,
            String rpId,
            Instant deadline,
            String callbackUrl,
            String nonce,
            String state) {}

    /** A terminal result, with its event's id and topic. */
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
            Instant endedAt) {

        /** Name of the status, for binding. */
        public String statusName() {
            return status.name();
        }
    }
}
