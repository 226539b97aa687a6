package io.signet.certworker;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * No HTTP server observation (metrics timer and trace span) for the high-volume, unauthenticated PKI endpoints
 * (OCSP, TSA, CRL, CA certificates): relying parties call them thousands of times a second and a span per call costs
 * more CPU than the signature. The /v1 API and everything else keep their observations.
 */
@Configuration(proxyBeanMethods = false)
public class PkiObservations {

    @Bean
    ObservationPredicate noObservationForPkiEndpoints() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && request.getCarrier() != null
                && request.getCarrier().getRequestURI().startsWith("/pki/"));
    }
}
