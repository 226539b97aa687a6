package io.signet.notifier.delivery;

import io.signet.platform.persistence.ClasspathSql;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Tables {@code notify.callback_delivery}, {@code notify.delivery_attempt} and {@code notify.disabled_endpoint}:
 * lookups and operations. The delivery loop's statements are {@link DeliveryQueueDao}.
 */
@ClasspathSql
@RegisterConstructorMapper(Delivery.class)
@RegisterConstructorMapper(DeliveryAttempt.class)
public interface DeliveryDao {

    @SqlQuery
    boolean endpointDisabled(@Bind("rpId") String rpId, @Bind("endpoint") String endpoint);

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
}
