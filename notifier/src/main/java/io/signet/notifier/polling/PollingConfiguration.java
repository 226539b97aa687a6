package io.signet.notifier.polling;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the result API's waiters and their PostgreSQL notifications. */
@Configuration(proxyBeanMethods = false)
class PollingConfiguration {

    @Bean
    ResultWaiters resultWaiters() {
        return new ResultWaiters();
    }

    @Bean
    ResultNotifications resultNotifications(DataSource dataSource, ResultWaiters waiters) {
        return new ResultNotifications(dataSource, waiters);
    }
}
