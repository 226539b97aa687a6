package io.signet.certworker.scd;

import io.signet.certworker.ca.CaMaterial;
import io.signet.certworker.ca.CaProperties;
import io.signet.certworker.ca.CertificateDao;
import io.signet.certworker.ca.CertificateRecord;
import io.signet.certworker.ca.CertificateStatus;
import io.signet.certworker.ca.CertificationRequests;
import io.signet.certworker.ca.EndEntityCertificates;
import io.signet.certworker.ca.IssuedCertificate;
import io.signet.certworker.ca.NewCertificate;
import io.signet.certworker.ca.RevocationReason;
import io.signet.certworker.ca.SubjectClaims;
import io.signet.certworker.crl.CrlService;
import io.signet.certworker.scd.ScdApi.CreateRequest;
import io.signet.certworker.scd.ScdApi.CreateResponse;
import io.signet.certworker.scd.ScdApi.ListedCertificate;
import io.signet.certworker.scd.ScdApi.PatchRequest;
import io.signet.certworker.scd.ScdApi.PatchResponse;
import io.signet.certworker.scd.ScdApi.Status;
import java.io.IOException;
import java.io.StringReader;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * SCD certificates: creation from a CSR for the authenticated signer, listing the signer's certificates, and status
 * changes with a CRL reissue and a {@code signet.cert.status} event for each. Thread-safe.
 */
public final class ScdCertHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ScdCertHandler.class);
    private static final Pattern PSEUDONYM = Pattern.compile("[A-Za-z0-9.-]{3,64}");
    private static final Set<String> SCD_TYPES = Set.of(
            "REMOTE_SCD_APP_APPLE",
            "REMOTE_SCD_APP_ANDROID",
            "REMOTE_SCD_APP_SE_APPLE",
            "REMOTE_SCD_APP_SE_ANDROID",
            "REMOTE_SCD_SIM",
            "REMOTE_SCD_ESIM");
    /** Secure elements, SIMs and eSIMs keep the key in certified hardware; plain apps do not. */
    private static final Set<String> QSCD_TYPES =
            Set.of("REMOTE_SCD_APP_SE_APPLE", "REMOTE_SCD_APP_SE_ANDROID", "REMOTE_SCD_SIM", "REMOTE_SCD_ESIM");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;
    private final EndEntityCertificates certificates;
    private final CertificationRequests requests;
    private final CaProperties properties;
    private final CrlService crls;
    private final CertStatusEvents events;
    private final Clock clock;

    public ScdCertHandler(
            Jdbi jdbi,
            EndEntityCertificates certificates,
            CertificationRequests requests,
            CaProperties properties,
            CrlService crls,
            CertStatusEvents events,
            Clock clock) {
        this.jdbi = jdbi;
        this.certificates = certificates;
        this.requests = requests;
        this.properties = properties;
        this.crls = crls;
        this.events = events;
        this.clock = clock;
    }

    public CreateResponse create(Signer signer, CreateRequest request) {
        if (request.csr() == null || request.csr().isBlank()) {
            throw unprocessable("CSR is required");
        }
        if (request.scdType() != null && !SCD_TYPES.contains(request.scdType())) {
            throw unprocessable("SCDType is not one of " + SCD_TYPES);
        }
        String pseudonym = request.chosenPseudonym() != null ? request.chosenPseudonym() : generatedPseudonym();
        if (!PSEUDONYM.matcher(pseudonym).matches()) {
            throw unprocessable("pseudonym must be 3 to 64 letters, digits, '.' or '-'");
        }
        PKCS10CertificationRequest csr;
        try {
            csr = requests.verified(csrBytes(request.csr()));
        } catch (CertificationRequests.RejectedException e) {
            throw unprocessable(e.getMessage());
        }
        SubjectClaims claims = claims(signer, pseudonym);
        SubjectConsistency.check(csr.getSubject(), signer);
        IssuedCertificate issued = certificates.issue(
                claims,
                csr.getSubjectPublicKeyInfo(),
                clock.instant().minus(properties.backdate()),
                properties.scdValidity(),
                request.scdType() != null && QSCD_TYPES.contains(request.scdType()));
        NewCertificate row = new NewCertificate(
                issued.id(),
                issued.serialHex(),
                "SCD",
                null,
                null,
                signer.subject(),
                pseudonym,
                request.scdType(),
                request.scdRemoteId(),
                request.scdKeyId(),
                issued.der(),
                issued.notBefore(),
                issued.notAfter());
        try {
            jdbi.useExtension(CertificateDao.class, dao -> dao.insert(row));
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                throw new ApiException(HttpStatus.CONFLICT, "pseudonym is already taken");
            }
            throw e;
        }
        LOG.info("issued SCD certificate {} serial {}", issued.id().substring(0, 16), issued.serialHex());
        return new CreateResponse(
                issued.id(),
                pseudonym,
                pem(issued.der()),
                clock.instant(),
                new Status("OK", "Certificate generated successfully"));
    }

    public List<ListedCertificate> list(Signer signer, String filter) {
        String wanted =
                filter == null || filter.isBlank() ? "ALL" : filter.strip().toUpperCase(Locale.ROOT);
        if (wanted.equals("ACTIVE")) {
            wanted = "ACTIVATED";
        }
        if (!Set.of("ALL", "ACTIVATED", "EXPIRED", "REVOKED", "SUSPENDED").contains(wanted)) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST, "filter must be ALL, ACTIVATED, EXPIRED, REVOKED or SUSPENDED");
        }
        String selected = wanted;
        Instant now = clock.instant();
        return jdbi.withExtension(
                CertificateDao.class,
                dao -> dao.findScdBySubject(signer.subject()).stream()
                        .filter(c ->
                                selected.equals("ALL") || c.effectiveStatus(now).equals(selected))
                        .map(c -> new ListedCertificate(
                                c.id(), pem(dao.der(c.id()).orElseThrow()), status(c, now)))
                        .toList());
    }

    public PatchResponse changeStatus(Signer signer, String certificateId, PatchRequest request) {
        if (request == null || request.status() == null || request.status().code() == null) {
            throw unprocessable("status.code is required");
        }
        CertificateRecord certificate = jdbi.withExtension(CertificateDao.class, dao -> dao.findById(certificateId))
                .filter(c -> signer.admin() || c.subjectId().equals(signer.subject()))
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "no such certificate"));
        if (!certificate.kind().equals("SCD")) {
            throw unprocessable("one-time certificates cannot change status");
        }
        Instant now = clock.instant();
        if (now.isAfter(certificate.notAfter())) {
            throw unprocessable("the certificate has expired");
        }
        Transition transition = Transition.of(certificate.status(), request);
        String message = request.status().message();
        int changed = jdbi.inTransaction(handle -> {
            CertificateDao dao = handle.attach(CertificateDao.class);
            int rows = dao.changeStatus(
                    certificate.id(), certificate.status(), transition.target(), message, transition.reason(), now);
            if (rows == 1) {
                dao.recordStatus(
                        certificate.id(),
                        transition.target().name(),
                        message,
                        transition.reason(),
                        signer.subject(),
                        now);
            }
            return rows;
        });
        if (changed == 0) {
            throw unprocessable("the certificate's status changed meanwhile; read it again");
        }
        crls.reissue();
        events.published(certificate, transition.target(), transition.reason(), now, signer.subject());
        LOG.info("certificate {} is now {}", certificate.id().substring(0, 16), transition.target());
        String code = transition.target() == CertificateStatus.ACTIVE
                ? "ACTIVATED"
                : transition.target().name();
        return new PatchResponse(now, new Status(code, message));
    }

    /** The allowed status changes: REVOKED is final, SUSPENDED only from ACTIVE, ACTIVATED only from SUSPENDED. */
    record Transition(CertificateStatus target, Integer reason) {

        static Transition of(CertificateStatus current, PatchRequest request) {
            String code = request.status().code().strip().toUpperCase(Locale.ROOT);
            switch (code) {
                case "SUSPENDED" -> {
                    if (current != CertificateStatus.ACTIVE) {
                        throw unprocessable("only an active certificate can be suspended");
                    }
                    return new Transition(CertificateStatus.SUSPENDED, RevocationReason.CERTIFICATE_HOLD.code());
                }
                case "REVOKED" -> {
                    if (current == CertificateStatus.REVOKED) {
                        throw unprocessable("the certificate is already revoked");
                    }
                    RevocationReason reason = request.reason() == null
                            ? RevocationReason.UNSPECIFIED
                            : RevocationReason.parse(request.reason())
                                    .orElseThrow(() -> unprocessable("reason is not an RFC 5280 CRLReason"));
                    if (reason == RevocationReason.CERTIFICATE_HOLD) {
                        throw unprocessable("certificateHold is a suspension, not a revocation");
                    }
                    return new Transition(CertificateStatus.REVOKED, reason.code());
                }
                case "ACTIVATED", "ACTIVE" -> {
                    if (current != CertificateStatus.SUSPENDED) {
                        throw unprocessable("only a suspended certificate can be activated again");
                    }
                    return new Transition(CertificateStatus.ACTIVE, null);
                }
                default -> throw unprocessable("status.code must be SUSPENDED, REVOKED or ACTIVATED");
            }
        }
    }

    private static Status status(CertificateRecord certificate, Instant now) {
        String effective = certificate.effectiveStatus(now);
        String code = effective.equals("ACTIVATED") ? "ACTIVE" : effective;
        String message = certificate.statusMessage() != null
                ? certificate.statusMessage()
                : switch (code) {
                    case "ACTIVE" -> "Certificate active";
                    case "EXPIRED" -> "Certificate expired";
                    default -> "Certificate " + code.toLowerCase(Locale.ROOT);
                };
        return new Status(code, message);
    }

    private static SubjectClaims claims(Signer signer, String pseudonym) {
        if (signer.commonName() == null) {
            throw unprocessable("the ID provider token carries no name for the certificate");
        }
        try {
            return new SubjectClaims(
                    pseudonym,
                    signer.commonName(),
                    signer.givenName(),
                    signer.familyName(),
                    signer.country(),
                    signer.postalCode(),
                    signer.streetAddress(),
                    signer.locality(),
                    signer.birthdate(),
                    signer.placeOfBirth(),
                    signer.nationalities());
        } catch (IllegalArgumentException e) {
            throw unprocessable("the ID provider token's claims cannot go into a certificate: " + e.getMessage());
        }
    }

    private static byte[] csrBytes(String text) {
        try {
            if (text.contains("-----BEGIN")) {
                try (PEMParser parser = new PEMParser(new StringReader(text))) {
                    Object object = parser.readObject();
                    if (object instanceof PKCS10CertificationRequest csr) {
                        return csr.getEncoded();
                    }
                    throw unprocessable("CSR PEM holds no certification request");
                }
            }
            return Base64.getMimeDecoder().decode(text);
        } catch (IOException | IllegalArgumentException e) {
            throw unprocessable("CSR is neither PEM nor base64 DER");
        }
    }

    private static String generatedPseudonym() {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        return "psn-" + HexFormat.of().formatHex(random);
    }

    static String pem(byte[] der) {
        return CaMaterial.pem(List.of(holder(der))).replace("\n", "\r\n").replace("\r\r\n", "\r\n");
    }

    private static X509CertificateHolder holder(byte[] der) {
        try {
            return new X509CertificateHolder(der);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ApiException unprocessable(String message) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, message);
    }
}
