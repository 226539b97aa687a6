package io.signet.certworker.onetime;

import io.signet.certworker.ca.CertificateDao;
import io.signet.certworker.ca.CertificateRecord;
import io.signet.certworker.ca.CertificateStatus;
import io.signet.certworker.ca.RevocationReason;
import io.signet.certworker.crl.CrlService;
import io.signet.certworker.scd.CertStatusEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revokes the one-time certificates that no delivered signature used, so that no sign request keeps a usable
 * certificate it did not sign with. Three cases. A failed request's certificate (its key destroyed unused) is revoked
 * as {@code cessationOfOperation} when the failure is read. So are all certificates of a request the notifier ended
 * as expired, including one a late, discarded signature used. A redone request's: a sign-worker that crashed, lost its key with
 * an HSM session, or lost the answer to its transaction's commit, redoes the request with a new key and so gets
 * another certificate. Which one is used is known only when the request ends: the certificate in its first committed
 * completion (the one the notifier keeps: completions of one request share a partition, so every reader sees them in
 * the same order). The others are revoked as {@code superseded}, so that no sign request has two usable
 * certificates: in the database, on the reissued CRL, in OCSP answers and as {@code signet.cert.status} events.
 * Thread-safe.
 */
public final class UnusedCertificates {

    private static final Logger LOG = LoggerFactory.getLogger(UnusedCertificates.class);
    static final String REVOKED_BY = "cert-worker";

    private final Jdbi jdbi;
    private final CrlService crls;
    private final CertStatusEvents events;
    private final Clock clock;

    public UnusedCertificates(Jdbi jdbi, CrlService crls, CertStatusEvents events, Clock clock) {
        this.jdbi = jdbi;
        this.crls = crls;
        this.events = events;
        this.clock = clock;
    }

    /** The completed sign requests among {@code signatureIds} that have more than one usable certificate. */
    public List<String> withSeveralUsable(Collection<String> signatureIds) {
        if (signatureIds.isEmpty()) {
            return List.of();
        }
        return jdbi.withExtension(CertificateDao.class, dao -> dao.signaturesWithSeveralActive(signatureIds));
    }

    /**
     * Revokes every usable one-time certificate of each sign request but the one its completion used.
     *
     * @param usedCertificateId the certificateId (hex SHA-256 of the DER) in a request's completion; empty when it
     *     cannot be read, and then nothing of that request is revoked
     */
    public void revokeAllButUsed(
            Collection<String> signatureIds, Function<String, Optional<String>> usedCertificateId) {
        Instant now = clock.instant();
        List<CertificateRecord> revoked = new ArrayList<>();
        for (String signatureId : signatureIds) {
            usedCertificateId
                    .apply(signatureId)
                    .ifPresent(used -> revoked.addAll(jdbi.withExtension(
                            CertificateDao.class,
                            dao -> dao.revokeSuperseded(List.of(signatureId), List.of(used), REVOKED_BY, now))));
        }
        if (revoked.isEmpty()) {
            return;
        }
        published(revoked, RevocationReason.SUPERSEDED, now);
    }

    /** Revokes every usable one-time certificate of these sign requests, which failed before any completion. */
    public void revokeAllOfFailed(Collection<String> signatureIds) {
        revokeAll(signatureIds, "cessation of operation: the sign request failed and its key was destroyed unused");
    }

    /**
     * Revokes every usable one-time certificate of these sign requests, which the notifier ended as expired: the one
     * a late signature used too, since that signature is discarded and never reaches the relying party.
     */
    public void revokeAllOfExpired(Collection<String> signatureIds) {
        revokeAll(signatureIds, "cessation of operation: the sign request expired; no signature was delivered");
    }

    private void revokeAll(Collection<String> signatureIds, String message) {
        if (signatureIds.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<CertificateRecord> revoked = jdbi.withExtension(
                CertificateDao.class, dao -> dao.revokeAllActiveOf(signatureIds, message, REVOKED_BY, now));
        if (!revoked.isEmpty()) {
            published(revoked, RevocationReason.CESSATION_OF_OPERATION, now);
        }
    }

    private void published(List<CertificateRecord> revoked, RevocationReason reason, Instant now) {
        crls.reissue();
        for (CertificateRecord row : revoked) {
            events.published(row, CertificateStatus.REVOKED, reason.code(), now, REVOKED_BY);
            LOG.info("unused one-time certificate {} revoked: {}", row.serial(), reason);
        }
    }
}
