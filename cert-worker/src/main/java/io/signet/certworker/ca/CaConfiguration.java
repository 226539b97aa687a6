package io.signet.certworker.ca;

import io.signet.hsm.KeyStoreToken;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The CA's keys (HSM), its bootstrapped hierarchy and the end-entity issuer. */
@Configuration(proxyBeanMethods = false)
public class CaConfiguration {

    @Bean
    CaKeyStore caKeyStore(KeyStoreToken token) {
        return new HsmCaKeyStore(token);
    }

    /** Created (or loaded) at start-up: everything that signs depends on it. */
    @Bean
    CaMaterial caMaterial(Jdbi jdbi, CaKeyStore keys, CaProperties properties, Clock clock) {
        return new CaBootstrap(jdbi, keys, properties, clock).loadOrCreate();
    }

    @Bean
    CertificationRequests certificationRequests(KeyStoreToken token) {
        return new CertificationRequests(token);
    }

    @Bean
    EndEntityCertificates endEntityCertificates(CaProperties properties, CaMaterial ca) {
        return new EndEntityCertificates(properties, ca.issuing(), ca.issuingKey());
    }
}
