package io.signet.certworker.onetime;

import io.signet.certworker.ca.CaMaterial;
import io.signet.certworker.ca.CaProperties;
import io.signet.certworker.ca.CertificationRequests;
import io.signet.certworker.ca.EndEntityCertificates;
import io.signet.certworker.ca.IssuedCertificate;
import io.signet.certworker.ca.NewCertificate;
import io.signet.certworker.ca.OneTimeCertificateDao;
import io.signet.certworker.ca.SerialNumbers;
import io.signet.certworker.ca.StoredCertificate;
import io.signet.certworker.ca.SubjectClaims;
import io.signet.certworker.claims.ClaimStates;
import io.signet.certworker.claims.SignClaim;
import io.signet.certworker.claims.SignClaims;
import io.signet.certworker.ocsp.OcspResponder;
import io.signet.schemas.Base64Bytes;
import io.signet.schemas.CertIssued;
import io.signet.schemas.CertIssued.CertRefusal;
import io.signet.schemas.CertRequested;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.jdbi.v3.core.Jdbi;

/**
 * Issues one-time certificates for a batch of {@link CertRequested} and builds the replies. Idempotent by request id:
 * a request seen before is answered with the certificate stored for it. Refusals (bad CSR, weak key, unusable claims,
 * too long a validity) become refusal replies; infrastructure failures (HSM, database) propagate so the Kafka error
 * handler retries the batch. Defence in depth against signing twice: a request that names its sign request record
 * ({@link CertRequested#source()}) is refused unless that record holds the signatureId's open claim. Thread-safe.
 */
public final class OneTimeCertHandler {

    private final Jdbi jdbi;
    private final EndEntityCertificates certificates;
    private final CertificationRequests requests;
    private final OcspResponder ocsp;
    private final CaProperties properties;
    private final Clock clock;
    private final SignClaims claims;
    private final List<Base64Bytes> chain;

    public OneTimeCertHandler(
            Jdbi jdbi,
            EndEntityCertificates certificates,
            CertificationRequests requests,
            CaMaterial ca,
            OcspResponder ocsp,
            CaProperties properties,
            Clock clock,
            SignClaims claims) {
        this.jdbi = jdbi;
        this.claims = claims;
        this.certificates = certificates;
        this.requests = requests;
        this.ocsp = ocsp;
        this.properties = properties;
        this.clock = clock;
        this.chain = List.of(Base64Bytes.of(CaMaterial.der(ca.issuing())), Base64Bytes.of(CaMaterial.der(ca.root())));
    }

    /**
     * One reply per distinct request id, in the order of first appearance, except for requests of ended sign requests
     * that were sent before the end.
     *
     * <p>A certificate request sent after its sign request had ended is answered with
     * {@link CertRefusal.Code#REQUEST_ENDED}: it comes from a worker still at work on a redundant copy of the request
     * (the same record worked on twice, e.g. by a worker that lost its partition to another), which then stops at once
     * instead of asking until its deadline and holding back the rest of its batch. The worker sends each resend with a
     * fresh {@link CertRequested#requestedAt()}, so a copy that asked just before the end, or whose request ended
     * while its certificate was being made (none is stored then), is told at its next resend. A request sent before
     * the end gets no answer: that is the topic read again (a replay), which nobody waits for, and answering would
     * only add events. (Clocks of different machines may differ a little: then a copy is told one resend later, or a
     * replay answers a request sent just after an end.)
     */
    public List<CertIssued> handle(List<CertRequested> batch) {
        Map<String, CertRequested> requests = new LinkedHashMap<>();
        batch.forEach(request -> requests.putIfAbsent(request.requestId(), request));
        ClaimStates states = claims.states(
                requests.values().stream().map(CertRequested::signatureId).toList());
        Instant now = clock.instant();
        Map<String, CertIssued> replies = new HashMap<>();
        List<CertRequested> open = new ArrayList<>(requests.size());
        for (CertRequested request : requests.values()) {
            if (states.ended(request.signatureId())) {
                if (states.endedBefore(request.signatureId(), request.requestedAt())) {
                    replies.put(request.requestId(), requestEnded(request));
                }
            } else {
                open.add(request);
            }
        }
        Map<String, Certificate> stored = open.isEmpty()
                ? Map.of()
                : stored(open.stream().map(CertRequested::requestId).toList());
        List<NewCertificate> rows = new ArrayList<>();
        for (CertRequested request : open) {
            Certificate earlier = stored.get(request.requestId());
            if (earlier != null) {
                replies.put(request.requestId(), issued(request, earlier, null));
                continue;
            }
            try {
                if (request.source() != null) {
                    Optional<String> refusal = states.refusalForIssuance(claimOf(request));
                    if (refusal.isPresent()) {
                        throw new Refused(CertRefusal.Code.POLICY_VIOLATION, refusal.get());
                    }
                }
                IssuedCertificate certificate = issue(request, now);
                rows.add(NewCertificate.oneTime(
                        request.requestId(),
                        request.signatureId(),
                        request.signer().subject(),
                        certificate));
            } catch (Refused e) {
                replies.put(
                        request.requestId(), CertIssued.refused(request.requestId(), request.signatureId(), e.refusal));
            }
        }
        // A request that ended while its certificate was being made has none stored, and no reply.
        persist(rows).forEach((requestId, certificate) -> {
            CertRequested request = requests.get(requestId);
            replies.put(
                    requestId, issued(request, certificate, request.includeOcsp() ? ocspFor(certificate.der()) : null));
        });
        return requests.keySet().stream()
                .map(replies::get)
                .filter(Objects::nonNull)
                .toList();
    }

    private static CertIssued requestEnded(CertRequested request) {
        return CertIssued.refused(
                request.requestId(),
                request.signatureId(),
                new CertRefusal(CertRefusal.Code.REQUEST_ENDED, "the sign request has ended"));
    }

    private static SignClaim claimOf(CertRequested request) {
        return new SignClaim(
                request.signatureId(),
                request.source().partition(),
                request.source().offset());
    }

    private IssuedCertificate issue(CertRequested request, Instant now) {
        Duration validity = Duration.ofSeconds(request.validitySeconds());
        if (validity.compareTo(properties.oneTimeValidity()) > 0) {
            throw new Refused(CertRefusal.Code.POLICY_VIOLATION, "validity longer than the one-time maximum");
        }
        PKCS10CertificationRequest csr;
        try {
            csr = requests.verified(request.csr().bytes());
        } catch (CertificationRequests.RejectedException e) {
            throw new Refused(
                    e.problem() == CertificationRequests.Problem.WEAK_KEY
                            ? CertRefusal.Code.UNSUPPORTED_ALGORITHM
                            : CertRefusal.Code.INVALID_CSR,
                    e.getMessage());
        }
        SubjectClaims claims;
        try {
            claims = SignerClaimsMapping.toSubject(request.signer());
        } catch (IllegalArgumentException e) {
            throw new Refused(CertRefusal.Code.INVALID_CLAIMS, e.getMessage());
        }
        // Valid from (backdated) the acceptance of the sign request, not only from now: a PDF's signing time is
        // claimed by the RP when it submits, and must lie within the validity however long the request waited. The
        // lifetime after issuance stays the requested one. Never further back than one validity: such a request is
        // past its deadline anyway.
        Instant accepted =
                request.signRequestedAt() == null || request.signRequestedAt().isAfter(now)
                        ? now
                        : request.signRequestedAt();
        Instant earliest = now.minus(properties.oneTimeValidity());
        Instant from = accepted.isAfter(earliest) ? accepted : earliest;
        Duration waited = Duration.between(from, now);
        // The one-time key lives in Signet's HSM, a QSCD: hence QcSSCD.
        return certificates.issue(
                claims, csr.getSubjectPublicKeyInfo(), from.minus(properties.backdate()), validity.plus(waited), true);
    }

    private Map<String, Certificate> stored(java.util.Collection<String> requestIds) {
        Map<String, Certificate> found = new HashMap<>();
        for (StoredCertificate row :
                jdbi.withExtension(OneTimeCertificateDao.class, dao -> dao.findByRequestIds(requestIds))) {
            found.put(row.requestId(), Certificate.parse(row.der()));
        }
        return found;
    }

    /** Inserts the rows; a request id someone stored meanwhile keeps the stored certificate. */
    private Map<String, Certificate> persist(List<NewCertificate> rows) {
        Map<String, Certificate> result = new LinkedHashMap<>();
        if (rows.isEmpty()) {
            return result;
        }
        // A request can end (the notifier expires it) between the state read in handle() and here. Under the claims'
        // lock, an ended one gets no certificate, and an ending recorded later finds what is stored now to revoke.
        List<NewCertificate> open = new ArrayList<>(rows.size());
        int[] counts = jdbi.inTransaction(handle -> {
            Set<String> ended = claims.lockEnded(
                    handle, rows.stream().map(NewCertificate::signatureId).toList());
            rows.stream().filter(row -> !ended.contains(row.signatureId())).forEach(open::add);
            return open.isEmpty()
                    ? new int[0]
                    : handle.attach(OneTimeCertificateDao.class).insertAll(open);
        });
        List<String> lost = new ArrayList<>();
        for (int i = 0; i < open.size(); i++) {
            if (counts[i] == 0) {
                lost.add(open.get(i).requestId());
            } else {
                result.put(open.get(i).requestId(), Certificate.of(open.get(i)));
            }
        }
        if (!lost.isEmpty()) {
            result.putAll(stored(lost));
        }
        return result;
    }

    private CertIssued issued(CertRequested request, Certificate certificate, byte[] ocspResponse) {
        return CertIssued.issued(
                request.requestId(),
                request.signatureId(),
                Base64Bytes.of(certificate.der()),
                chain,
                certificate.serialHex(),
                certificate.notBefore(),
                certificate.notAfter(),
                ocspResponse == null ? null : Base64Bytes.of(ocspResponse));
    }

    private byte[] ocspFor(byte[] der) {
        return ocsp.responseFor(holder(der));
    }

    private static X509CertificateHolder holder(byte[] der) {
        try {
            return new X509CertificateHolder(der);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What a reply tells of a certificate. A fresh one is taken from what was just issued, so only a stored one (a
     * replay) is parsed again.
     */
    private record Certificate(byte[] der, String serialHex, Instant notBefore, Instant notAfter) {

        static Certificate of(NewCertificate row) {
            return new Certificate(row.der(), row.serial(), row.notBefore(), row.notAfter());
        }

        static Certificate parse(byte[] der) {
            X509CertificateHolder holder = holder(der);
            return new Certificate(
                    der,
                    SerialNumbers.hex(holder.getSerialNumber()),
                    holder.getNotBefore().toInstant(),
                    holder.getNotAfter().toInstant());
        }
    }

    private static final class Refused extends RuntimeException {
        private final CertRefusal refusal;

        Refused(CertRefusal.Code code, String message) {
            super(message, null, false, false);
            this.refusal = new CertRefusal(code, message);
        }
    }
}
