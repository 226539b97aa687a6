package io.signet.gateway.auth;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code gateway.rp_client}: RPs and the SHA-256 of their API keys (keys themselves are never stored). */
@RegisterConstructorMapper(RpClient.class)
public interface RpClientDao {

    @SqlQuery("""
            select rp_id, rate_per_second, burst, callback_allow_list, webhook_secret_ref
              from gateway.rp_client
             where key_hash = :keyHash and enabled""")
    Optional<RpClient> findByKeyHash(@Bind("keyHash") byte[] keyHash);

    /** Creates or re-keys an RP; used by the dev profile and by operators' tooling. */
    @SqlUpdate("""
            insert into gateway.rp_client (rp_id, key_hash, rate_per_second, burst, callback_allow_list,
                                           webhook_secret_ref)
            values (:rpId, :keyHash, :ratePerSecond, :burst, :callbackAllowList, :webhookSecretRef)
            on conflict (rp_id) do update
               set key_hash = excluded.key_hash, rate_per_second = excluded.rate_per_second,
                   burst = excluded.burst, callback_allow_list = excluded.callback_allow_list,
                   webhook_secret_ref = excluded.webhook_secret_ref, enabled = true""")
    void upsert(
            @Bind("rpId") String rpId,
            @Bind("keyHash") byte[] keyHash,
            @Bind("ratePerSecond") Integer ratePerSecond,
            @Bind("burst") Integer burst,
            @Bind("callbackAllowList") List<String> callbackAllowList,
            @Bind("webhookSecretRef") String webhookSecretRef);
}
