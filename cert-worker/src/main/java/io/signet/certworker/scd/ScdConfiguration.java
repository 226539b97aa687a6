package io.signet.certworker.scd;

import io.signet.certworker.ca.CaProperties;
import io.signet.certworker.ca.CertificationRequests;
import io.signet.certworker.ca.EndEntityCertificates;
import io.signet.certworker.crl.CrlService;
import io.signet.platform.identity.IdentityProviderProperties;
import io.signet.platform.identity.SignerTokenVerifier;
import io.signet.schemas.KafkaCloudEvents;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProviderProperties.class)
public class ScdConfiguration {

    @Bean
    SignerAuthenticator signerAuthenticator(AuthProperties properties, IdentityProviderProperties idp, Clock clock) {
        return new SignerAuthenticator(
                idp.configured() ? Optional.of(SignerTokenVerifier.of(idp, clock)) : Optional.empty(),
                properties.adminRole());
    }

    @Bean
    CertStatusEvents certStatusEvents(KafkaCloudEvents events, KafkaTemplate<String, byte[]> kafka) {
        return new CertStatusEvents(events, kafka);
    }

    @Bean
    ScdCertHandler scdCertHandler(
            Jdbi jdbi,
            EndEntityCertificates certificates,
            CertificationRequests requests,
            CaProperties properties,
            CrlService crls,
            CertStatusEvents events,
            Clock clock) {
        return new ScdCertHandler(jdbi, certificates, requests, properties, crls, events, clock);
    }
}
