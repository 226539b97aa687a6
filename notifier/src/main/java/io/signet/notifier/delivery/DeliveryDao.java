package io.signet.notifier.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Tables {@code notify.callback_delivery}, {@code notify.delivery_attempt} and {@code notify.disabled_endpoint}. */
@UseClasspathSqlLocator
@RegisterConstructorMapper(Delivery.class)
@RegisterConstructorMapper(DeliveryAttempt.class)
public interface DeliveryDao {

    /**
     * Creates deliveries due at {@code dueAt}, in one statement; returns those created (a request that already has
     * a delivery of a kind keeps it).
     */
    default List<Delivery> insert(List<NewDelivery> deliveries, Instant createdAt, Instant dueAt) {
        return insert(
                deliveries.stream().map(d -> d.id().toString()).toArray(String[]::new),
                deliveries.stream().map(NewDelivery::signatureId).toArray(String[]::new),
                deliveries.stream().map(NewDelivery::rpId).toArray(String[]::new),
                deliveries.stream().map(NewDelivery::kindName).toArray(String[]::new),
                deliveries.stream().map(NewDelivery::url).toArray(String[]::new),
                deliveries.stream().map(NewDelivery::endpoint).toArray(String[]::new),
                deliveries.stream().map(NewDelivery::host).toArray(String[]::new),
                deliveries.stream().map(NewDelivery::eventType).toArray(String[]::new),
                deliveries.stream().map(NewDelivery::body).toArray(String[]::new),
                createdAt.toString(),
                dueAt.toString());
    }

    @SqlQuery("insert")
    List<Delivery> insert(
            @Bind("ids") String[] ids,
            @Bind("signatureIds") String[] signatureIds,
            @Bind("rpIds") String[] rpIds,
            @Bind("kinds") String[] kinds,
            @Bind("urls") String[] urls,
            @Bind("endpoints") String[] endpoints,
            @Bind("hosts") String[] hosts,
            @Bind("eventTypes") String[] eventTypes,
            @Bind("bodies") String[] bodies,
            @Bind("createdAt") String createdAt,
            @Bind("dueAt") String dueAt);

    /**
     * Claims up to {@code limit} due deliveries for this instance by pushing their due time {@code leaseMillis} into
     * the future: if the instance dies mid-attempt, the delivery becomes due again when the lease runs out.
     */
    @SqlQuery
    List<Delivery> claimDue(@Bind("limit") int limit, @Bind("leaseMillis") long leaseMillis);

    /** Puts claimed deliveries back without counting an attempt (their host had no free slot). */
    @SqlUpdate
    void release(@Bind("ids") UUID[] ids, @Bind("delayMillis") long delayMillis);

    /** Records attempts, in one statement. */
    default void recordAttempts(List<DeliveryAttempt> attempts) {
        if (attempts.isEmpty()) {
            return;
        }
        recordAttempts(
                attempts.stream().map(DeliveryAttempt::deliveryId).toArray(UUID[]::new),
                attempts.stream().map(DeliveryAttempt::attempt).toArray(Integer[]::new),
                attempts.stream().map(a -> a.attemptedAt().toString()).toArray(String[]::new),
                attempts.stream().map(DeliveryAttempt::httpStatus).toArray(Integer[]::new),
                attempts.stream().map(DeliveryAttempt::latencyMs).toArray(Long[]::new),
                attempts.stream().map(a -> a.outcome().name()).toArray(String[]::new),
                attempts.stream().map(DeliveryAttempt::error).toArray(String[]::new));
    }

    @SqlUpdate("recordAttempts")
    void recordAttempts(
            @Bind("deliveryIds") UUID[] deliveryIds,
            @Bind("attempts") Integer[] attempts,
            @Bind("attemptedAts") String[] attemptedAts,
            @Bind("httpStatuses") Integer[] httpStatuses,
            @Bind("latencies") Long[] latencies,
            @Bind("outcomes") String[] outcomes,
            @Bind("errors") String[] errors);

    /**
     * Applies the outcomes of attempts, in one statement; each only if the delivery is still pending at the attempt
     * before (so that a stale claim, an instance that overran its lease, cannot overwrite a newer outcome). Returns
     * the finishes applied.
     */
    default List<Finish> finishAttempts(List<Finish> finishes) {
        if (finishes.isEmpty()) {
            return List.of();
        }
        Set<String> applied = finishAttempts(
                finishes.stream().map(Finish::id).toArray(UUID[]::new),
                finishes.stream().map(Finish::attempts).toArray(Integer[]::new),
                finishes.stream().map(Finish::status).toArray(String[]::new),
                finishes.stream().map(Finish::delayMillis).toArray(Long[]::new),
                finishes.stream().map(Finish::error).toArray(String[]::new));
        return finishes.stream()
                .filter(f -> applied.contains(f.id() + " " + f.attempts()))
                .toList();
    }

    /** Returns {@code id + " " + attempts} of each delivery updated. */
    @SqlQuery("finishAttempts")
    Set<String> finishAttempts(
            @Bind("ids") UUID[] ids,
            @Bind("attempts") Integer[] attempts,
            @Bind("statuses") String[] statuses,
            @Bind("delays") Long[] delays,
            @Bind("errors") String[] errors);

    @SqlUpdate
    void disableEndpoint(@Bind("rpId") String rpId, @Bind("endpoint") String endpoint);

    @SqlQuery
    boolean endpointDisabled(@Bind("rpId") String rpId, @Bind("endpoint") String endpoint);

    /** Every disabled endpoint as {@code rpId + " " + endpoint} (a small table: 410s are rare). */
    @SqlQuery
    Set<String> disabledEndpoints();

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

    /** The outcome of attempt number {@code attempts} of delivery {@code id} (see {@link #finishAttempts}). */
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
            String body) {

        public String kindName() {
            return kind.name();
        }
    }
}
