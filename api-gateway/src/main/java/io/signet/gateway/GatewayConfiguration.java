package io.signet.gateway;

import io.signet.gateway.auth.RpClientDao;
import io.signet.gateway.idempotency.IdempotencyKeyDao;
import io.signet.gateway.sign.SignRequestDao;
import io.signet.platform.persistence.ServiceJdbi;
import io.signet.schemas.EventCodec;
import io.signet.schemas.KafkaCloudEvents;
import java.time.Clock;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Shared infrastructure beans of the gateway. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class GatewayConfiguration {

    /** The {@code ce_source} service name: events from the gateway carry {@code /signet/api-gateway}. */
    static final String SERVICE = "api-gateway";

    @Bean
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Bean
    KafkaCloudEvents kafkaCloudEvents(EventCodec codec, Clock clock) {
        return new KafkaCloudEvents(SERVICE, codec, clock);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Jdbi over the pooled data source; created after Flyway has migrated the {@code gateway} schema. */
    @Bean
    @DependsOnDatabaseInitialization
    Jdbi jdbi(DataSource dataSource) {
        return ServiceJdbi.create(dataSource, SignRequestDao.class, RpClientDao.class, IdempotencyKeyDao.class);
    }
}
