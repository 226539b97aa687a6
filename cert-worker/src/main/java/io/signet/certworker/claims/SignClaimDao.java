package io.signet.certworker.claims;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** {@code certs.sign_claim}. */
@RegisterConstructorMapper(ClaimRow.class)
public interface SignClaimDao {

    /** Claims each signatureId for its record; a signatureId already claimed (or ended) keeps its row. */
    @SqlBatch("insert into sign_claim (signature_id, source_partition, source_offset, claimed_at)"
            + " values (:signatureId, :partition, :offset, :at) on conflict (signature_id) do nothing")
    int[] claimAll(@BindMethods List<SignClaim> claims, @Bind("at") Instant at);

    @SqlQuery("select signature_id, source_partition, source_offset, claimed_at, ended_at from sign_claim"
            + " where signature_id in (<ids>)")
    List<ClaimRow> find(@BindList("ids") Collection<String> signatureIds);

    /**
     * Share-locks the existing claims of these requests until the transaction ends, in code-point order of the id as
     * {@link SignClaims#end} writes them, so that the two never wait for each other in a cycle.
     */
    @SqlQuery("select signature_id, source_partition, source_offset, claimed_at, ended_at from sign_claim"
            + " where signature_id in (<ids>) order by signature_id collate \"C\" for share")
    List<ClaimRow> lockAll(@BindList("ids") Collection<String> signatureIds);

    /** Marks requests ended; one that was never claimed gets an ended row without source. Idempotent. */
    @SqlBatch("insert into sign_claim (signature_id, claimed_at, ended_at) values (:id, :at, :at)"
            + " on conflict (signature_id) do update set ended_at = coalesce(sign_claim.ended_at, excluded.ended_at)")
    int[] endAll(@Bind("id") List<String> signatureIds, @Bind("at") Instant at);
}
