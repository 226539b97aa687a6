package io.signet.gateway.idempotency;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code gateway.idempotency_key}; rows are written together with the request by the sign request DAO. */
@RegisterConstructorMapper(IdempotencyRecord.class)
public interface IdempotencyKeyDao {

    @SqlQuery("""
            select body_hash, signature_id, accepted_at, expires_at
              from gateway.idempotency_key
             where rp_id = :rpId and idempotency_key = :key""")
    Optional<IdempotencyRecord> find(@Bind("rpId") String rpId, @Bind("key") String key);

    /** Frees an expired key so that it can be used again. */
    @SqlUpdate("""
            delete from gateway.idempotency_key
             where rp_id = :rpId and idempotency_key = :key and expires_at <= :now""")
    int deleteIfExpired(@Bind("rpId") String rpId, @Bind("key") String key, @Bind("now") OffsetDateTime now);

    @SqlUpdate("""
            delete from gateway.idempotency_key
             where ctid in (select ctid from gateway.idempotency_key where expires_at <= :now limit :limit)""")
    int purgeExpired(@Bind("now") OffsetDateTime now, @Bind("limit") int limit);
}
