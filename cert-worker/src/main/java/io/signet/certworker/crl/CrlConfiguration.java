package io.signet.certworker.crl;

import io.signet.certworker.ca.CaMaterial;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The CRL service and its periodic refresh before nextUpdate. */
@Configuration(proxyBeanMethods = false)
public class CrlConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(CrlConfiguration.class);

    @Bean
    RootCrl rootCrl(CaMaterial ca, Clock clock) {
        return new RootCrl(new CrlIssuer(ca.root(), ca.rootKey()), clock);
    }

    @Bean
    CrlService crlService(
            CaMaterial ca,
            Jdbi jdbi,
            CrlProperties properties,
            Clock clock,
            ScheduledExecutorService certWorkerScheduler) {
        CrlService service = new CrlService(jdbi, new CrlIssuer(ca.issuing(), ca.issuingKey()), properties, clock);
        long interval = properties.checkInterval().toMillis();
        certWorkerScheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        service.refreshIfDue();
                    } catch (RuntimeException e) {
                        LOG.warn("CRL refresh failed, will retry: {}", e.toString());
                    }
                },
                0,
                interval,
                TimeUnit.MILLISECONDS);
        return service;
    }
}
