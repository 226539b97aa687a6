package io.signet.certworker.onetime;

import io.signet.certworker.ca.CaMaterial;
import io.signet.certworker.ca.CaProperties;
import io.signet.certworker.ca.CertificationRequests;
import io.signet.certworker.ca.EndEntityCertificates;
import io.signet.certworker.claims.SignClaims;
import io.signet.certworker.ocsp.OcspResponder;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class OneTimeConfiguration {

    @Bean
    OneTimeCertHandler oneTimeCertHandler(
            Jdbi jdbi,
            EndEntityCertificates certificates,
            CertificationRequests requests,
            CaMaterial ca,
            OcspResponder ocsp,
            CaProperties properties,
            Clock clock,
            SignClaims claims) {
        return new OneTimeCertHandler(jdbi, certificates, requests, ca, ocsp, properties, clock, claims);
    }
}
