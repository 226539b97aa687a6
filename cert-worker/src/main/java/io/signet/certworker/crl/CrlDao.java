package io.signet.certworker.crl;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code certs.crl}: issued CRLs, the highest number is current. */
@RegisterConstructorMapper(CrlRow.class)
public interface CrlDao {

    /** Serialises CRL issuers across instances until the transaction ends, so CRL numbers only grow. */
    @SqlQuery("select count(*) from (select pg_advisory_xact_lock(7213540520)) locked")
    long lockForIssue();

    @SqlQuery("select coalesce(max(crl_number), 0) from crl")
    long lastNumber();

    @SqlQuery("select crl_number, this_update, next_update, der from crl order by crl_number desc limit 1")
    Optional<CrlRow> current();

    @SqlUpdate("insert into crl (crl_number, this_update, next_update, der) values (:number, :thisUpdate,"
            + " :nextUpdate, :der)")
    void insert(
            @Bind("number") long number,
            @Bind("thisUpdate") Instant thisUpdate,
            @Bind("nextUpdate") Instant nextUpdate,
            @Bind("der") byte[] der);
}
