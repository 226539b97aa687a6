package io.signet.notifier.result;

import io.signet.platform.persistence.ClasspathSql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Table {@code notify.signature_result}: reads, expiry and purges. Applying the result events is {@link
 * ResultEventsDao}.
 */
@ClasspathSql
@RegisterConstructorMapper(SignatureResult.class)
public interface ResultDao {

    /** Notification channel on which changed result rows are announced (payload: comma-separated signatureIds). */
    String CHANNEL = "signet_result";

    /** PostgreSQL refuses notification payloads of 8,000 bytes and more. */
    int MAX_PAYLOAD = 7_900;

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

    /**
     * What a purge deleted.
     *
     * @param results number of results deleted
     * @param oldestEndedAt end time of the oldest one; null when none was deleted
     * @param newestEndedAt end time of the newest one; null when none was deleted
     */
    record PurgedResults(int results, Instant oldestEndedAt, Instant newestEndedAt) {}
}
