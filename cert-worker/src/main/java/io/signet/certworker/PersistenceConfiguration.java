package io.signet.certworker;

import java.time.Clock;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
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
        return Jdbi.create(new TransactionAwareDataSourceProxy(dataSource))
                .installPlugin(new SqlObjectPlugin())
                .installPlugin(new PostgresPlugin());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
