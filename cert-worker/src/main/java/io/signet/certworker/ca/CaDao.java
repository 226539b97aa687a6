package io.signet.certworker.ca;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code certs.ca}: the CA's own certificates, one per role. */
@RegisterConstructorMapper(CaRow.class)
public interface CaDao {

    /**
     * Serialises bootstrappers across instances until the surrounding transaction ends. The key is an arbitrary
     * constant that only this worker uses.
     */
    @SqlQuery("select count(*) from (select pg_advisory_xact_lock(7213540519)) locked")
    long lockForBootstrap();

    @SqlQuery("select role, key_label, certificate from ca")
    List<CaRow> all();

    @SqlUpdate("insert into ca (role, key_label, certificate) values (:role, :keyLabel, :certificate)")
    void insert(@BindMethods CaRow row);
}
