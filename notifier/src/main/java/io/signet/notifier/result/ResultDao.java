package io.signet.notifier.result;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Table {@code notify.signature_result} and the processed-event ledger of the result consumers. */
@UseClasspathSqlLocator
@RegisterConstructorMapper(SignatureResult.class)
public interface ResultDao {

    /** Notification channel on which every change of a result row is announced with its signatureId. */
    String CHANNEL = "signet_result";

    /** Records a Kafka event id; false when it was processed before (the caller then does nothing). */
    @SqlUpdate
    boolean markProcessed(@Bind("eventId") String eventId, @Bind("topic") String topic);

    /**
     * Registers a sign request's details. Returns the row when this call registered it (new row, or a row that a
     * result created earlier), empty when the request was registered before.
     */
    @SqlQuery
    Optional<SignatureResult> register(@BindMethods Registration registration);

    /**
     * Ends a request with its first terminal result. Returns the row when this call ended it, empty when the row had
     * already ended (a duplicate, a second result or a late result after expiry).
     */
    @SqlQuery
    Optional<SignatureResult> end(@BindMethods Ending ending);

    @SqlQuery
    Optional<SignatureResult> find(@Bind("signatureId") String signatureId);

    /** Expires up to {@code limit} pending requests past their deadline; rows locked elsewhere are skipped. */
    @SqlQuery
    List<SignatureResult> expireDue(@Bind("limit") int limit, @Bind("message") String message);

    /** Announces a changed row on {@link #CHANNEL}; delivered to listeners when the transaction commits. */
    @SqlQuery
    int announce(@Bind("signatureId") String signatureId);

    /** Deletes requests that ended before {@code cutoff} (their deliveries and attempts cascade). */
    @SqlUpdate
    int purgeEndedBefore(@Bind("cutoff") Instant cutoff);

    @SqlUpdate
    int purgeProcessedEventsBefore(@Bind("cutoff") Instant cutoff);

    /** Request details from a sign request event. */
    record Registration(
            String signatureId, String rpId, Instant deadline, String callbackUrl, String nonce, String state) {}

    /** A terminal result. */
    record Ending(
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
