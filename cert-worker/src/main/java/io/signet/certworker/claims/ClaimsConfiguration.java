package io.signet.certworker.claims;

import io.signet.schemas.KafkaCloudEvents;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class ClaimsConfiguration {

    @Bean
    SignClaims signClaims(Jdbi jdbi, Clock clock) {
        return new SignClaims(jdbi, clock);
    }

    @Bean
    SignEndedListener signEndedListener(SignClaims claims, KafkaCloudEvents events) {
        return new SignEndedListener(claims, events);
    }
}
