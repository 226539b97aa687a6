package io.signet.notifier.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Tables {@code notify.callback_delivery}, {@code notify.delivery_attempt} and {@code notify.disabled_endpoint}. */
@UseClasspathSqlLocator
@RegisterConstructorMapper(Delivery.class)
@RegisterConstructorMapper(DeliveryAttempt.class)
public interface DeliveryDao {

    /** Creates a delivery due now; false when the request already has one of this kind. */
    @SqlUpdate
    boolean insert(@BindMethods NewDelivery delivery);

    /**
     * Claims up to {@code limit} due deliveries for this instance by pushing their due time {@code leaseMillis} into
     * the future: if the instance dies mid-attempt, the delivery becomes due again when the lease runs out.
     */
    @SqlQuery
    List<Delivery> claimDue(@Bind("limit") int limit, @Bind("leaseMillis") long leaseMillis);

    /** Puts a claimed delivery back without counting an attempt (its host had no free slot). */
    @SqlUpdate
    void release(@Bind("id") UUID id, @Bind("delayMillis") long delayMillis);

    @SqlUpdate
    void recordAttempt(@BindMethods DeliveryAttempt attempt);

    /** {@link #recordAttempt} for many attempts in one round trip. */
    @SqlBatch("recordAttempt")
    void recordAttempts(@BindMethods List<DeliveryAttempt> attempts);

    /** {@link #finishAttempt} for many deliveries in one round trip; one update count per finish. */
    @SqlBatch("finishAttempt")
    int[] finishAttempts(@BindMethods List<Finish> finishes);

    /**
     * Applies the result of attempt number {@code attempts}. Guarded by the previous attempt count so that a stale
     * claim (an instance that overran its lease) cannot overwrite a newer outcome.
     */
    @SqlUpdate
    boolean finishAttempt(
            @Bind("id") UUID id,
            @Bind("attempts") int attempts,
            @Bind("status") String status,
            @Bind("delayMillis") long delayMillis,
            @Bind("error") String error);

    @SqlUpdate
    void disableEndpoint(@Bind("rpId") String rpId, @Bind("endpoint") String endpoint);

    @SqlQuery
    boolean endpointDisabled(@Bind("rpId") String rpId, @Bind("endpoint") String endpoint);

    /** Every disabled endpoint as {@code rpId + " " + endpoint} (a small table: 410s are rare). */
    @SqlQuery
    java.util.Set<String> disabledEndpoints();

    @SqlUpdate
    void enableEndpoint(@Bind("rpId") String rpId, @Bind("endpoint") String endpoint);

    @SqlQuery
    Optional<Delivery> find(@Bind("id") UUID id);

    @SqlQuery
    List<Delivery> forSignature(@Bind("signatureId") String signatureId);

    @SqlQuery
    List<Delivery> deadLetters(@Bind("limit") int limit);

    @SqlQuery
    List<DeliveryAttempt> attempts(@BindList("ids") List<UUID> deliveryIds);

    /** Makes a dead or disabled delivery due now with a fresh retry schedule; empty if it is not dead. */
    @SqlQuery
    Optional<Delivery> redrive(@Bind("id") UUID id);

    /** Pending deliveries per destination host. */
    @SqlQuery
    @KeyColumn("host")
    @ValueColumn("backlog")
    Map<String, Long> backlogByHost();

    /** The outcome of attempt number {@code attempts} of delivery {@code id} (see {@link #finishAttempt}). */
    record Finish(UUID id, int attempts, String status, long delayMillis, String error) {}

    /** A delivery to create. */
    record NewDelivery(
            UUID id,
            String signatureId,
            String rpId,
            DeliveryKind kind,
            String url,
            String endpoint,
            String host,
            String eventType,
            String body,
            Instant createdAt,
            Instant dueAt) {

        public String kindName() {
            return kind.name();
        }
    }
}
