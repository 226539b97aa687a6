package io.signet.certworker.ocsp;

import io.signet.certworker.ca.CaMaterial;
import io.signet.certworker.ca.CertificateDao;
import io.signet.certworker.ca.CertificateRecord;
import io.signet.certworker.ca.CertificateStatus;
import io.signet.certworker.ca.SerialNumbers;
import java.math.BigInteger;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OCSP responder over the certificate table, signing with the delegated OCSP signer key. */
@Configuration(proxyBeanMethods = false)
public class OcspConfiguration {

    @Bean
    OcspResponder ocspResponder(CaMaterial ca, Jdbi jdbi, OcspProperties properties, Clock clock) {
        // PostgreSQL is the truth, so a revocation by any instance shows here after at most the cache TTL.
        // One on-demand proxy (a pooled connection per call) instead of attaching the DAO for every request.
        CertificateDao certificates = jdbi.onDemand(CertificateDao.class);
        StatusLookup database = serial -> certificates.findBySerial(SerialNumbers.hex(serial));
        StatusLookup lookup = new CachingStatusLookup(database, properties.statusCacheTtl(), clock);
        return new OcspResponder(ca.issuing(), ca.ocsp(), ca.ocspKey(), withTsa(lookup, ca), clock);
    }

    /**
     * The TSA certificate is not in the certificate table but validators ask for its status (its AIA names this
     * responder): it is good while this CA uses it, since replacing it means a new CA bootstrap.
     */
    static StatusLookup withTsa(StatusLookup lookup, CaMaterial ca) {
        BigInteger serial = ca.tsa().getSerialNumber();
        CertificateRecord tsa = new CertificateRecord(
                null,
                SerialNumbers.hex(serial),
                "SERVICE",
                "signet-tsa",
                null,
                ca.tsa().getNotBefore().toInstant(),
                ca.tsa().getNotAfter().toInstant(),
                CertificateStatus.ACTIVE,
                null,
                null,
                null);
        return requested -> requested.equals(serial) ? Optional.of(tsa) : lookup.find(requested);
    }
}
