package io.signet.notifier;

import io.signet.notifier.delivery.DeliveryDao;
import io.signet.notifier.delivery.DeliveryQueueDao;
import io.signet.notifier.outbox.OutboxDao;
import io.signet.notifier.result.ResultDao;
import io.signet.notifier.result.ResultEventsDao;
import io.signet.platform.persistence.ServiceJdbi;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One Jdbi over the service's pool; transactions are Jdbi's own ({@code inTransaction}), not Spring's. */
@Configuration(proxyBeanMethods = false)
class JdbiConfiguration {

    @Bean
    Jdbi jdbi(DataSource dataSource) {
        return ServiceJdbi.create(
                dataSource,
                ResultEventsDao.class,
                DeliveryQueueDao.class,
                ResultDao.class,
                DeliveryDao.class,
                OutboxDao.class);
    }
}
