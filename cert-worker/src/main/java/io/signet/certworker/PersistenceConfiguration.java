package io.signet.certworker;

import io.signet.certworker.ca.CaDao;
import io.signet.certworker.ca.CertificateDao;
import io.signet.certworker.ca.OneTimeCertificateDao;
import io.signet.certworker.claims.SignClaimDao;
import io.signet.certworker.crl.CrlDao;
import io.signet.platform.persistence.ServiceJdbi;
import java.time.Clock;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/** Jdbi over the pooled data source (after Flyway has migrated {@code certs}) and the clock everything reads. */
@Configuration(proxyBeanMethods = false)
public class PersistenceConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    Jdbi jdbi(DataSource dataSource) {
        return ServiceJdbi.create(
                new TransactionAwareDataSourceProxy(dataSource),
                OneTimeCertificateDao.class,
                CertificateDao.class,
                SignClaimDao.class,
                CaDao.class,
                CrlDao.class);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
