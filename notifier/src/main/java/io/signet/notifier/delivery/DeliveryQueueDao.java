package io.signet.notifier.delivery;

import io.signet.platform.persistence.ClasspathSql;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The delivery loop's statements over {@code notify.callback_delivery}, {@code notify.delivery_attempt} and {@code
 * notify.disabled_endpoint}: create, claim, release and finish deliveries, and disable endpoints. Apart from {@link
 * DeliveryDao} because Jdbi prepares every method of a DAO on each {@code attach}, and this one is attached for every
 * batch of results and of attempts.
 */
@ClasspathSql
@RegisterConstructorMapper(Delivery.class)
public interface DeliveryQueueDao {

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
                deliveries.stream().map(NewDelivery::traceparent).toArray(String[]::new),
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
            @Bind("traceparents") String[] traceparents,
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

    /**
     * Applies the outcomes of attempts and records the attempts, in one statement; an outcome is applied only if its
     * delivery is still pending at the attempt before (so that a stale claim, an instance that overran its lease,
     * cannot overwrite a newer outcome). Returns the outcomes applied; attempts of the others are not recorded.
     */
    default List<Outcome> finishAttempts(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return List.of();
        }
        Set<String> applied = finishAttempts(
                outcomes.stream().map(o -> o.attempt().deliveryId()).toArray(UUID[]::new),
                outcomes.stream().map(o -> o.attempt().attempt()).toArray(Integer[]::new),
                outcomes.stream().map(Outcome::status).toArray(String[]::new),
                outcomes.stream().map(Outcome::delayMillis).toArray(Long[]::new),
                outcomes.stream().map(o -> o.attempt().error()).toArray(String[]::new),
                outcomes.stream().map(o -> o.attempt().attemptedAt().toString()).toArray(String[]::new),
                outcomes.stream().map(o -> o.attempt().httpStatus()).toArray(Integer[]::new),
                outcomes.stream().map(o -> o.attempt().latencyMs()).toArray(Long[]::new),
                outcomes.stream().map(o -> o.attempt().outcome().name()).toArray(String[]::new));
        return outcomes.stream()
                .filter(o -> applied.contains(
                        o.attempt().deliveryId() + " " + o.attempt().attempt()))
                .toList();
    }

    /** Returns {@code id + " " + attempts} of each delivery updated. */
    @SqlQuery("finishAttempts")
    Set<String> finishAttempts(
            @Bind("ids") UUID[] ids,
            @Bind("attempts") Integer[] attempts,
            @Bind("statuses") String[] statuses,
            @Bind("delays") Long[] delays,
            @Bind("errors") String[] errors,
            @Bind("attemptedAts") String[] attemptedAts,
            @Bind("httpStatuses") Integer[] httpStatuses,
            @Bind("latencies") Long[] latencies,
            @Bind("outcomes") String[] outcomes);

    @SqlUpdate
    void disableEndpoint(@Bind("rpId") String rpId, @Bind("endpoint") String endpoint);

    /** Every disabled endpoint as {@code rpId + " " + endpoint} (a small table: 410s are rare). */
    @SqlQuery
    Set<String> disabledEndpoints();

    /**
     * What an attempt led to (see {@link #finishAttempts}).
     *
     * @param attempt the attempt, numbered from 1 over the delivery's life
     * @param status the delivery's status after it
     * @param delayMillis for a delivery still pending, the delay before the next attempt
     */
    record Outcome(DeliveryAttempt attempt, String status, long delayMillis) {}

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
            String traceparent) {

        public String kindName() {
            return kind.name();
        }
    }
}
