package io.signet.certworker.tsa;

import io.signet.certworker.ca.CaMaterial;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The TSA, its clock guard and the default time reference (the database server's clock). */
@Configuration(proxyBeanMethods = false)
public class TsaConfiguration {

    /** PostgreSQL's clock_timestamp(): another machine's clock in production, cheap to ask every few seconds. */
    @Bean
    @ConditionalOnMissingBean
    TimeReference timeReference(Jdbi jdbi) {
        return () -> jdbi.withHandle(handle -> handle.createQuery("select clock_timestamp()")
                        .mapTo(Timestamp.class)
                        .one())
                .toInstant();
    }

    @Bean
    ClockGuard clockGuard(
            Clock clock,
            TimeReference reference,
            TsaProperties properties,
            ScheduledExecutorService certWorkerScheduler) {
        ClockGuard guard = new ClockGuard(clock, reference, properties.maxDrift(), properties.maxSampleAge());
        guard.sample();
        certWorkerScheduler.scheduleWithFixedDelay(
                guard::sample,
                properties.sampleInterval().toMillis(),
                properties.sampleInterval().toMillis(),
                TimeUnit.MILLISECONDS);
        return guard;
    }

    @Bean
    TimeStampAuthority timeStampAuthority(CaMaterial ca, TsaProperties properties, ClockGuard guard, Clock clock) {
        return new TimeStampAuthority(ca.tsa(), ca.issuing(), ca.tsaKey(), properties, guard, clock);
    }
}
