package io.signet.certworker.ocsp;

import io.signet.certworker.ca.CaKey;
import io.signet.certworker.ca.CertificateRecord;
import io.signet.platform.persistence.DatabaseUnavailable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 6960 OCSP responder for certificates of the issuing CA, signed by the delegated OCSP signer. Answers good only
 * for a serial this CA issued and has not revoked or suspended; revoked with time and reason (certificateHold while
 * suspended); unknown for anything else, including serials it never issued and other issuers. Echoes the nonce.
 * Thread-safe.
 */
public final class OcspResponder {

    private static final Logger LOG = LoggerFactory.getLogger(OcspResponder.class);

    /** More requests in one OCSP request than this are refused as malformed (a cheap denial-of-service guard). */
    static final int MAX_REQUESTS = 16;

    private final X509CertificateHolder issuer;
    private final X509CertificateHolder signerCertificate;
    private final CaKey signerKey;
    private final StatusLookup lookup;
    private final Clock clock;
    private final DigestCalculatorProvider digests = new BcDigestCalculatorProvider();
    private final RespID responderId;

    public OcspResponder(
            X509CertificateHolder issuer,
            X509CertificateHolder signerCertificate,
            CaKey signerKey,
            StatusLookup lookup,
            Clock clock) {
        this.issuer = issuer;
        this.signerCertificate = signerCertificate;
        this.signerKey = signerKey;
        this.lookup = lookup;
        this.clock = clock;
        try {
            this.responderId =
                    new RespID(signerCertificate.getSubjectPublicKeyInfo(), digests.get(CertificateID.HASH_SHA1));
        } catch (OCSPException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The DER OCSPResponse for a DER OCSPRequest, never an exception: malformed input gets malformedRequest; a status
     * that cannot be read because the database is unavailable gets tryLater, any other failure internalError (RFC
     * 6960, 2.3).
     */
    public byte[] respond(byte[] requestDer) {
        OCSPReq request;
        try {
            request = new OCSPReq(requestDer);
        } catch (IOException | RuntimeException e) {
            return status(OCSPRespBuilder.MALFORMED_REQUEST);
        }
        Req[] items = request.getRequestList();
        if (items.length == 0 || items.length > MAX_REQUESTS) {
            return status(OCSPRespBuilder.MALFORMED_REQUEST);
        }
        try {
            return successful(request);
        } catch (RuntimeException e) {
            if (DatabaseUnavailable.explains(e)) {
                LOG.warn(
                        "OCSP answered tryLater: the database is unavailable ({})",
                        e.getClass().getSimpleName());
                return status(OCSPRespBuilder.TRY_LATER);
            }
            LOG.error("OCSP answered internalError", e);
            return status(OCSPRespBuilder.INTERNAL_ERROR);
        }
    }

    /**
     * A fresh response about one certificate of the issuing CA (for AdES-B-LT), without nonce. Throws rather than
     * answer anything but a successful response: a signature must not embed tryLater.
     */
    public byte[] responseFor(X509CertificateHolder certificate) {
        try {
            CertificateID id =
                    new CertificateID(digests.get(CertificateID.HASH_SHA1), issuer, certificate.getSerialNumber());
            return successful(new org.bouncycastle.cert.ocsp.OCSPReqBuilder()
                    .addRequest(id)
                    .build());
        } catch (OCSPException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The signed, successful response to a well-formed request. */
    private byte[] successful(OCSPReq request) {
        try {
            BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(responderId);
            Date now = new Date(clock.millis());
            for (Req item : request.getRequestList()) {
                CertificateID id = item.getCertID();
                builder.addResponse(id, status(id), now, null, null);
            }
            Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (nonce != null) {
                builder.setResponseExtensions(new Extensions(nonce));
            }
            var basic = builder.build(signerKey.newSigner(), new X509CertificateHolder[] {signerCertificate}, now);
            return new OCSPRespBuilder()
                    .build(OCSPRespBuilder.SUCCESSFUL, basic)
                    .getEncoded();
        } catch (OCSPException e) {
            throw new IllegalStateException("OCSP response not built", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** OCSP status for one certificate id; {@code null} means good in BouncyCastle's API. */
    CertificateStatus status(CertificateID id) throws OCSPException {
        if (!id.matchesIssuer(issuer, digests)) {
            return new UnknownStatus();
        }
        Optional<CertificateRecord> record = lookup.find(id.getSerialNumber());
        if (record.isEmpty()) {
            return new UnknownStatus();
        }
        CertificateRecord found = record.get();
        if (found.status() == io.signet.certworker.ca.CertificateStatus.ACTIVE) {
            return CertificateStatus.GOOD;
        }
        int reason = found.revocationReason() == null ? 0 : found.revocationReason();
        return new RevokedStatus(Date.from(found.statusChangedAt()), reason);
    }

    private static byte[] status(int status) {
        try {
            return new OCSPRespBuilder().build(status, null).getEncoded();
        } catch (OCSPException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
