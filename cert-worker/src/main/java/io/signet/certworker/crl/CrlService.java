package io.signet.certworker.crl;

import io.signet.certworker.ca.CertificateDao;
import io.signet.certworker.ca.CertificateRecord;
import io.signet.platform.persistence.DatabaseUnavailable;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a current CRL: issues one on every status change and whenever the current one nears its nextUpdate. The
 * CRLs live in {@code certs.crl} so that every instance serves the same, newest one. Thread-safe.
 */
public final class CrlService {

    private static final Logger LOG = LoggerFactory.getLogger(CrlService.class);

    private final Jdbi jdbi;
    private final CrlIssuer issuer;
    private final CrlProperties properties;
    private final Clock clock;
    private volatile CrlRow cached;

    public CrlService(Jdbi jdbi, CrlIssuer issuer, CrlProperties properties, Clock clock) {
        this.jdbi = jdbi;
        this.issuer = issuer;
        this.properties = properties;
        this.clock = clock;
    }

    /** The newest CRL, issuing the first one if there is none yet. */
    public CrlRow current() {
        CrlRow row = jdbi.withExtension(CrlDao.class, CrlDao::current).orElseGet(this::reissue);
        cached = row;
        return row;
    }

    /**
     * The CRL to hand out: the newest, or, while the database cannot be reached, the last one this instance read or
     * issued, as long as it is within its validity. A relying party then gets a valid CRL instead of an error; it can
     * be older than one another instance issued meanwhile, as any CRL a cache hands out can be.
     */
    public CrlRow served() {
        try {
            return current();
        } catch (RuntimeException e) {
            CrlRow last = cached;
            if (last == null
                    || !DatabaseUnavailable.explains(e)
                    || !clock.instant().isBefore(last.nextUpdate())) {
                throw e;
            }
            LOG.warn("database unavailable: serving CRL number {} from memory", last.crlNumber());
            return last;
        }
    }

    /** Issues a new CRL with the next number from the statuses in the database now. */
    public CrlRow reissue() {
        CrlRow row = jdbi.inTransaction(handle -> {
            CrlDao crls = handle.attach(CrlDao.class);
            crls.lockForIssue();
            long number = crls.lastNumber() + 1;
            Instant thisUpdate = clock.instant();
            Instant nextUpdate = thisUpdate.plus(properties.validity());
            List<CrlEntry> entries = handle.attach(CertificateDao.class).findUnreleased().stream()
                    .map(CrlService::entry)
                    .toList();
            byte[] der = issuer.issue(number, thisUpdate, nextUpdate, entries);
            crls.insert(number, thisUpdate, nextUpdate, der);
            return new CrlRow(number, thisUpdate, nextUpdate, der);
        });
        cached = row;
        LOG.info("issued CRL number {} with {} bytes", row.crlNumber(), row.der().length);
        return row;
    }

    /** Scheduled: reissues when the current CRL expires within {@code reissueBefore}. */
    public void refreshIfDue() {
        CrlRow row = cached != null ? cached : current();
        if (row.nextUpdate().minus(properties.reissueBefore()).isBefore(clock.instant())) {
            // Another instance may have issued one already; read again before signing a new one.
            CrlRow latest = current();
            if (latest.nextUpdate().minus(properties.reissueBefore()).isBefore(clock.instant())) {
                reissue();
            }
        }
    }

    private static CrlEntry entry(CertificateRecord record) {
        return new CrlEntry(
                new BigInteger(record.serial(), 16),
                record.statusChangedAt(),
                record.revocationReason() == null ? 0 : record.revocationReason());
    }
}
