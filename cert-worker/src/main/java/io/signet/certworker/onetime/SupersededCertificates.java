package io.signet.certworker.onetime;

import io.signet.certworker.ca.CertificateDao;
import io.signet.certworker.ca.CertificateRecord;
import io.signet.certworker.ca.CertificateStatus;
import io.signet.certworker.ca.RevocationReason;
import io.signet.certworker.crl.CrlService;
import io.signet.certworker.scd.CertStatusEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revokes the one-time certificates a redone sign request left behind. A sign-worker that crashed, or whose key
 * vanished with its HSM session, after its certificate was issued but before its signature was committed, redoes the
 * request with a new key and so gets a second certificate; the first one was never used, and is revoked as
 * {@code superseded} so that no sign request has two usable certificates: in the database, on the CRL (reissued), in
 * OCSP answers and as a {@code signet.cert.status} event. Thread-safe.
 */
final class SupersededCertificates {

    private static final Logger LOG = LoggerFactory.getLogger(SupersededCertificates.class);
    static final String REVOKED_BY = "cert-worker";

    private final Jdbi jdbi;
    private final CrlService crls;
    private final CertStatusEvents events;
    private final Clock clock;

    SupersededCertificates(Jdbi jdbi, CrlService crls, CertStatusEvents events, Clock clock) {
        this.jdbi = jdbi;
        this.crls = crls;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Revokes the active one-time certificates of {@code signatureIds} other than {@code newest}.
     *
     * @param newest the certificates just issued for them, which stay
     */
    void revokeEarlier(Collection<String> signatureIds, Collection<String> newest) {
        if (signatureIds.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<CertificateRecord> revoked = jdbi.withExtension(
                CertificateDao.class, dao -> dao.revokeSuperseded(signatureIds, newest, REVOKED_BY, now));
        if (revoked.isEmpty()) {
            return;
        }
        crls.reissue();
        for (CertificateRecord row : revoked) {
            events.published(row, CertificateStatus.REVOKED, RevocationReason.SUPERSEDED.code(), now, REVOKED_BY);
            LOG.info("one-time certificate {} revoked: superseded by a redone request", row.serial());
        }
    }
}
