package io.signet.audit;

import io.signet.audit.head.TreeHeadDao;
import io.signet.audit.ingest.AppendDao;
import io.signet.audit.ingest.AuditEntryDao;
import io.signet.platform.persistence.ServiceJdbi;
import io.signet.schemas.EventCodec;
import io.signet.schemas.KafkaCloudEvents;
import java.time.Clock;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Parts every feature of the audit service shares. Transactions are Jdbi's own ({@code inTransaction}). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class AuditConfiguration {

    @Bean
    Jdbi jdbi(DataSource dataSource) {
        return ServiceJdbi.create(dataSource, AppendDao.class, AuditEntryDao.class, TreeHeadDao.class);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Bean
    KafkaCloudEvents kafkaCloudEvents(EventCodec codec, Clock clock) {
        return new KafkaCloudEvents(AuditApplication.CONFIG_NAME, codec, clock);
    }
}
