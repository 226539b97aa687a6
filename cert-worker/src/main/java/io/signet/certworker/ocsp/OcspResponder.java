package io.signet.certworker.ocsp;

import io.signet.certworker.ca.CaKey;
import io.signet.certworker.ca.CertificateRecord;
import io.signet.certworker.ca.DerTimes;
import io.signet.platform.persistence.DatabaseUnavailable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.ocsp.BasicOCSPResponse;
import org.bouncycastle.asn1.ocsp.CertStatus;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPResponseStatus;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.ocsp.ResponseBytes;
import org.bouncycastle.asn1.ocsp.ResponseData;
import org.bouncycastle.asn1.ocsp.RevokedInfo;
import org.bouncycastle.asn1.ocsp.SingleResponse;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.operator.ContentSigner;
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

    private static final CertStatus GOOD = new CertStatus();
    private static final CertStatus UNKNOWN = new CertStatus(2, DERNull.INSTANCE);

    private final X509CertificateHolder issuer;
    private final X509CertificateHolder signerCertificate;
    private final CaKey signerKey;
    private final StatusLookup lookup;
    private final Clock clock;
    private final DigestCalculatorProvider digests = new BcDigestCalculatorProvider();
    private final ResponderID responderId;
    private final IssuerHashes issuerHashes;

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
        this.issuerHashes = new IssuerHashes(issuer, digests);
        try {
            this.responderId = new RespID(
                            signerCertificate.getSubjectPublicKeyInfo(), digests.get(CertificateID.HASH_SHA1))
                    .toASN1Primitive();
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

    /**
     * The signed, successful response to a well-formed request, assembled from BouncyCastle's ASN.1 types: its
     * builders take java.util.Date, which costs a SimpleDateFormat per time (a sixth of each response).
     */
    private byte[] successful(OCSPReq request) {
        try {
            ASN1GeneralizedTime now = DerTimes.generalizedTime(clock.instant());
            ASN1EncodableVector responses = new ASN1EncodableVector();
            for (Req item : request.getRequestList()) {
                CertificateID id = item.getCertID();
                responses.add(new SingleResponse(id.toASN1Primitive(), status(id), now, null, (Extensions) null));
            }
            Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            ResponseData data = new ResponseData(
                    responderId, now, new DERSequence(responses), nonce == null ? null : new Extensions(nonce));
            ContentSigner signer = signerKey.newSigner();
            try (OutputStream out = signer.getOutputStream()) {
                data.encodeTo(out, ASN1Encoding.DER);
            }
            BasicOCSPResponse basic = new BasicOCSPResponse(
                    data,
                    signer.getAlgorithmIdentifier(),
                    new DERBitString(signer.getSignature()),
                    new DERSequence(signerCertificate.toASN1Structure()));
            return new OCSPResponse(
                            new OCSPResponseStatus(OCSPResponseStatus.SUCCESSFUL),
                            new ResponseBytes(OCSPObjectIdentifiers.id_pkix_ocsp_basic, new DEROctetString(basic)))
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** OCSP status for one certificate id. */
    CertStatus status(CertificateID id) {
        if (!issuerHashes.matches(id)) {
            return UNKNOWN;
        }
        Optional<CertificateRecord> record = lookup.find(id.getSerialNumber());
        if (record.isEmpty()) {
            return UNKNOWN;
        }
        CertificateRecord found = record.get();
        if (found.status() == io.signet.certworker.ca.CertificateStatus.ACTIVE) {
            return GOOD;
        }
        // As on the CRL (RFC 5280 5.3.1): no reason rather than "unspecified", so both sources say the same.
        Integer reason = found.revocationReason();
        return new CertStatus(new RevokedInfo(
                DerTimes.generalizedTime(found.statusChangedAt()),
                reason == null || reason == CRLReason.unspecified ? null : CRLReason.lookup(reason)));
    }

    private static byte[] status(int status) {
        try {
            return new OCSPRespBuilder().build(status, null).getEncoded();
        } catch (OCSPException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
