package io.signet.certworker.claims;

import io.signet.certworker.crl.CrlService;
import io.signet.certworker.onetime.UnusedCertificates;
import io.signet.certworker.scd.CertStatusEvents;
import io.signet.schemas.KafkaCloudEvents;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
public class ClaimsConfiguration {

    @Bean
    SignClaims signClaims(Jdbi jdbi, Clock clock) {
        return new SignClaims(jdbi, clock);
    }

    /**
     * The result consumer's own container: a batch that cannot be recorded (database away) is retried for as long as
     * it takes, never dead-lettered, because a lost end would let a replay after a group reset sign again.
     */
    @Bean
    ConcurrentKafkaListenerContainerFactory<Object, Object> signEndedContainerFactory(
            ConsumerFactory<Object, Object> consumerFactory) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumerFactory);
        factory.setBatchListener(true);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
        ExponentialBackOff backOff = new ExponentialBackOff(500L, 2.0);
        backOff.setMaxInterval(30_000L);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        return factory;
    }

    @Bean
    SignEndedListener signEndedListener(
            SignClaims claims,
            KafkaCloudEvents events,
            Jdbi jdbi,
            CrlService crls,
            CertStatusEvents statusEvents,
            Clock clock) {
        return new SignEndedListener(claims, events, new UnusedCertificates(jdbi, crls, statusEvents, clock));
    }
}
