package io.signet.certworker.ocsp;

import io.signet.certworker.ca.CaMaterial;
import io.signet.certworker.ca.CertificateDao;
import io.signet.certworker.ca.SerialNumbers;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OCSP responder over the certificate table, signing with the delegated OCSP signer key. */
@Configuration(proxyBeanMethods = false)
public class OcspConfiguration {

    @Bean
    OcspResponder ocspResponder(CaMaterial ca, Jdbi jdbi, Clock clock) {
        // Read straight from PostgreSQL each time (one indexed lookup), so a revocation by any instance shows at once.
        StatusLookup lookup =
                serial -> jdbi.withExtension(CertificateDao.class, dao -> dao.findBySerial(SerialNumbers.hex(serial)));
        return new OcspResponder(ca.issuing(), ca.ocsp(), ca.ocspKey(), lookup, clock);
    }
}
