package io.signet.certworker.ca;

import java.util.Collection;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The two statements of one-time issuance, once per Kafka batch. Apart from {@link CertificateDao} because Jdbi
 * prepares every method of a DAO on each {@code attach} (mappers, per-method configuration): with a dozen methods
 * that was most of the cost of these two statements in a profile of the pipeline.
 */
@RegisterConstructorMapper(StoredCertificate.class)
public interface OneTimeCertificateDao {

    /** Inserts one-time certificates; a request id already present keeps its first certificate. */
    @SqlBatch(CertificateDao.INSERT + " on conflict (request_id) do nothing")
    int[] insertAll(@BindMethods List<NewCertificate> rows);

    @SqlQuery("select request_id, id, der from certificate where request_id in (<requestIds>)")
    List<StoredCertificate> findByRequestIds(@BindList("requestIds") Collection<String> requestIds);
}
