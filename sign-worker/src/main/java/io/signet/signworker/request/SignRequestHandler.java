package io.signet.signworker.request;

import io.signet.hsm.HsmErrorCode;
import io.signet.hsm.HsmException;
import io.signet.hsm.KeyHandle;
import io.signet.hsm.KeyStoreToken;
import io.signet.schemas.Base64Bytes;
import io.signet.schemas.CertIssued;
import io.signet.schemas.CertRequested;
import io.signet.schemas.ConformanceLevel;
import io.signet.schemas.SignCompleted;
import io.signet.schemas.SignFailed;
import io.signet.schemas.SignFailed.ErrorCode;
import io.signet.schemas.SignRequested;
import io.signet.schemas.SignatureFormat;
import io.signet.schemas.SignetEvent;
import io.signet.signworker.cades.CadesBuilder;
import io.signet.signworker.cades.CadesBuilder.ToBeSigned;
import io.signet.signworker.cades.SignedAttributes.Profile;
import io.signet.signworker.cert.CertProperties;
import io.signet.signworker.cert.CertificateClient;
import io.signet.signworker.cert.CertificateUnavailableException;
import io.signet.signworker.cert.CertificationRequests;
import io.signet.signworker.keys.EphemeralKeys;
import io.signet.signworker.keys.KeyDestructionRecords;
import io.signet.signworker.keys.SignatureSuite;
import io.signet.signworker.ltv.LtvException;
import io.signet.signworker.ltv.ValidationData;
import io.signet.signworker.ltv.ValidationDataCollector;
import io.signet.signworker.pades.PadesBuilder;
import io.signet.signworker.raw.RawSignature;
import io.signet.signworker.tsa.TsaClient;
import io.signet.signworker.tsa.TsaException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.tsp.TimeStampToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs one request: deadline check, one-time key, CSR, certificate from cert-worker, signature in the requested
 * format and level, key destruction. Every request ends in exactly one SignCompleted or SignFailed, which the listener
 * sends in its transaction, so a crash at any step leaves no result but a key that dies with its session and a
 * certificate nobody uses. Each key's deletion record is published at once, outside the transaction
 * ({@link KeyDestructionRecords}): it stays when the batch is rolled back and redone.
 *
 * <p>Thread-safe and stateless: many requests run through it at once.
 */
public final class SignRequestHandler {

    /** Validity a certificate must have left when it arrives: enough to time-stamp and assemble the signature. */
    private static final Duration MIN_VALIDITY_LEFT = Duration.ofSeconds(20);

    /**
     * Validity the certificate must have left when a time-stamp is last asked for: time for the TSA to answer and
     * for the TSA's clock to be a little ahead of the CA's.
     */
    private static final Duration TIME_STAMP_VALIDITY_LEFT = Duration.ofSeconds(10);

    private static final int CERTIFICATE_ATTEMPTS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(SignRequestHandler.class);

    private final EphemeralKeys keys;
    private final KeyDestructionRecords keyRecords;
    private final KeyStoreToken token;
    private final CertificateClient certificates;
    private final CertProperties certProperties;
    private final TsaClient tsa;
    private final ValidationDataCollector ltv;
    private final SignWorkerProperties properties;
    private final SignStepObserver observer;
    private final Clock clock;

    public SignRequestHandler(
            EphemeralKeys keys,
            KeyDestructionRecords keyRecords,
            KeyStoreToken token,
            CertificateClient certificates,
            CertProperties certProperties,
            TsaClient tsa,
            ValidationDataCollector ltv,
            SignWorkerProperties properties,
            SignStepObserver observer,
            Clock clock) {
        this.keys = keys;
        this.keyRecords = keyRecords;
        this.token = token;
        this.certificates = certificates;
        this.certProperties = certProperties;
        this.tsa = tsa;
        this.ltv = ltv;
        this.properties = properties;
        this.observer = observer;
        this.clock = clock;
    }

    /**
     * Works one request to its outcome. Never throws for the request's sake: a failure that no step expects (a bug)
     * fails this request as {@code INTERNAL}, logged with its stack trace, and leaves the other requests of the batch
     * alone. Failing the batch instead would redo every request of it, each with a new key and certificate, for a
     * fault that would most likely recur.
     *
     * @param source the record the request was read from, which holds its claim at cert-worker
     */
    public SignOutcome handle(SignRequested request, String traceparent, CertRequested.Source source) {
        SignetEvent outcome;
        try {
            checkDeadline(request);
            SignatureSuite suite = SignatureSuite.of(request.keyAlgorithm(), request.hashType(), request.format())
                    .orElseThrow(() -> new SignFailure(
                            ErrorCode.UNSUPPORTED_ALGORITHM,
                            request.hashType().value() + " with " + request.keyAlgorithm() + " is not supported for "
                                    + request.format().value()));
            outcome = signWithFreshKey(request, suite, traceparent, source);
        } catch (RequestEnded ended) {
            LOG.info(
                    "signature {}: the request has ended elsewhere; this copy of it stops without a result",
                    request.signatureId());
            return SignOutcome.none(traceparent);
        } catch (SignFailure failure) {
            LOG.info("signature {} failed: {}", request.signatureId(), failure.code());
            outcome = SignFailed.permanent(
                    request.signatureId(), request.rpId(), failure.code(), failure.getMessage(), clock.instant());
        } catch (RuntimeException bug) {
            LOG.error("signature {} failed unexpectedly", request.signatureId(), bug);
            outcome = SignFailed.permanent(
                    request.signatureId(), request.rpId(), ErrorCode.INTERNAL, "internal error", clock.instant());
        }
        return new SignOutcome(outcome, traceparent);
    }

    /**
     * Generates a key and signs with it. When the key vanishes on the way (it is a session object, and the HSM closed
     * its session: restart, fail-over), the request is redone with a new key, up to {@code hsmAttempts} keys; the
     * certificate of a vanished key, if issued, is never used.
     */
    private SignCompleted signWithFreshKey(
            SignRequested request, SignatureSuite suite, String traceparent, CertRequested.Source source) {
        for (int attempt = 1; ; attempt++) {
            KeyHandle key = hsm(() -> keys.generate(suite.keyAlgorithm()));
            try {
                observer.keyGenerated(request.signatureId());
                SignCompleted completed = sign(request, suite, key, traceparent, source);
                LOG.debug(
                        "signature {} made: {} {} with key {}",
                        request.signatureId(),
                        request.format().value(),
                        request.conformanceLevel().value(),
                        key.id());
                return completed;
            } catch (KeyLost lost) {
                if (attempt >= properties.hsmAttempts()) {
                    throw new SignFailure(ErrorCode.HSM_UNAVAILABLE, "HSM unavailable: signing keys keep vanishing");
                }
                LOG.warn(
                        "key {} of signature {} vanished with its HSM session; redoing the request with a new key",
                        key.id(),
                        request.signatureId());
            } finally {
                destroy(key, request, traceparent);
            }
        }
    }

    private SignCompleted sign(
            SignRequested request,
            SignatureSuite suite,
            KeyHandle key,
            String traceparent,
            CertRequested.Source source) {
        boolean lt = request.conformanceLevel() == ConformanceLevel.ADES_B_LT;
        CertIssued issued = certificate(request, key, suite, lt, traceparent, source);
        checkDeadline(request);
        X509CertificateHolder signer = holder(issued.certificate().bytes());
        byte[] hash = request.hash().bytes();
        byte[] signature;
        TimeStampToken timeStamp = null;
        if (request.format() == SignatureFormat.RAW) {
            signature =
                    RawSignature.of(suite.keyAlgorithm(), hsm(() -> token.sign(key, suite.signatureAlgorithm(), hash)));
            timeStamp = timeStampIfAsked(request, suite, signature, issued);
        } else {
            ToBeSigned tbs = request.format() == SignatureFormat.CADES
                    ? CadesBuilder.prepare(Profile.CADES, suite.digestAlgorithm(), hash, signer, clock.instant())
                    : PadesBuilder.prepare(suite.digestAlgorithm(), hash, signer);
            byte[] value = hsm(() -> token.sign(key, suite.signatureAlgorithm(), tbs.digest()));
            timeStamp = timeStampIfAsked(request, suite, value, issued);
            List<Certificate> chain = chain(issued);
            ValidationData data =
                    lt ? ltvData(chain, issued, timeStamp) : ValidationData.certificates(chain.subList(0, 1));
            signature = CadesBuilder.assemble(
                    tbs,
                    suite.signatureAlgorithm().algorithmIdentifier(),
                    value,
                    timeStamp == null ? null : timeStamp.toCMSSignedData().toASN1Structure(),
                    data);
        }
        return new SignCompleted(
                request.signatureId(),
                request.rpId(),
                request.format(),
                request.conformanceLevel(),
                Base64Bytes.of(signature),
                pem(issued.certificate().bytes()),
                timeStamp == null ? null : Base64Bytes.of(encoded(timeStamp)),
                suite.name(),
                clock.instant(),
                key.id().hex());
    }

    private CertIssued certificate(
            SignRequested request,
            KeyHandle key,
            SignatureSuite suite,
            boolean withOcsp,
            String traceparent,
            CertRequested.Source source) {
        byte[] csr = hsm(() -> CertificationRequests.create(token, key, request.signatureId()));
        for (int attempt = 1; ; attempt++) {
            CertIssued issued = certificateFor(csr, request, withOcsp, traceparent, source);
            // A reply can come late (Kafka restarting, a resent request answered with the certificate stored for
            // it): a certificate about to expire would make a signature that fails validation. Ask for a fresh one;
            // the stale one stays unused and is revoked as superseded when the request completes.
            Instant usableUntil = issued.notAfter().minus(MIN_VALIDITY_LEFT);
            if (clock.instant().isBefore(usableUntil)) {
                return issued;
            }
            if (attempt >= CERTIFICATE_ATTEMPTS) {
                throw new SignFailure(ErrorCode.INTERNAL, "certificates arrive too late to sign with");
            }
            LOG.warn(
                    "certificate {} for signature {} arrived with less than {} s of validity left; asking again",
                    issued.serialNumber(),
                    request.signatureId(),
                    MIN_VALIDITY_LEFT.toSeconds());
        }
    }

    private CertIssued certificateFor(
            byte[] csr, SignRequested request, boolean withOcsp, String traceparent, CertRequested.Source source) {
        CertRequested ask = new CertRequested(
                UUID.randomUUID().toString(),
                request.signatureId(),
                Base64Bytes.of(csr),
                request.signer(),
                certProperties.validity().toSeconds(),
                withOcsp,
                clock.instant(),
                source,
                request.requestedAt());
        CertIssued issued;
        try {
            issued = certificates.issue(ask, traceparent, request.deadline());
        } catch (CertificateUnavailableException e) {
            checkDeadline(request); // waited for cert-worker up to the deadline: the request expired
            throw new SignFailure(ErrorCode.INTERNAL, "certificate authority unavailable");
        }
        if (!issued.succeeded()) {
            CertIssued.CertRefusal refusal = issued.error();
            if (refusal.code() == CertIssued.CertRefusal.Code.REQUEST_ENDED) {
                throw new RequestEnded();
            }
            ErrorCode code = switch (refusal.code()) {
                case INVALID_CLAIMS -> ErrorCode.INVALID_CLAIMS;
                case UNSUPPORTED_ALGORITHM -> ErrorCode.UNSUPPORTED_ALGORITHM;
                default -> ErrorCode.CA_REFUSED;
            };
            throw new SignFailure(code, "certificate refused: " + refusal.message());
        }
        if (withOcsp && issued.ocspResponse() == null) {
            throw new SignFailure(ErrorCode.INTERNAL, "cert-worker returned no OCSP response for AdES-B-LT");
        }
        return issued;
    }

    /**
     * The signature time-stamp, for B-T and B-LT. A TSA that does not answer is asked again until the request's
     * deadline, but never so late that the time-stamp would fall after the certificate's expiry: a validator places
     * the signature at the time-stamp's time, when the certificate must still be valid.
     */
    private TimeStampToken timeStampIfAsked(
            SignRequested request, SignatureSuite suite, byte[] signatureValue, CertIssued issued) {
        if (request.conformanceLevel() == ConformanceLevel.ADES_B_B) {
            return null;
        }
        Instant certificateUsable = issued.notAfter().minus(TIME_STAMP_VALIDITY_LEFT);
        Instant until = request.deadline().isBefore(certificateUsable) ? request.deadline() : certificateUsable;
        try {
            return tsa.timestamp(signatureValue, suite.digestAlgorithm(), until);
        } catch (TsaException e) {
            checkDeadline(request); // asked the TSA up to the deadline: the request expired
            throw new SignFailure(ErrorCode.TSA_UNAVAILABLE, "time-stamping authority unavailable");
        }
    }

    private ValidationData ltvData(List<Certificate> chain, CertIssued issued, TimeStampToken timeStamp) {
        try {
            return ltv.collect(
                    chain, OCSPResponse.getInstance(issued.ocspResponse().bytes()), timeStamp);
        } catch (LtvException e) {
            LOG.warn("B-LT validation data unavailable: {}", e.getMessage());
            throw new SignFailure(ErrorCode.INTERNAL, "validation data for AdES-B-LT unavailable");
        }
    }

    private void destroy(KeyHandle key, SignRequested request, String traceparent) {
        // Not retried: the key is a session object and dies with its session at the latest. The request fails,
        // though, even when it was signed: Signet does not hand out a signature whose key it cannot show destroyed.
        try {
            keyRecords.publish(
                    keys.destroy(key, request.signatureId(), request.signer().subject()), traceparent);
        } catch (HsmException e) {
            LOG.error("destroying key {} of signature {} failed: {}", key.id(), request.signatureId(), e.code());
            throw new SignFailure(ErrorCode.HSM_UNAVAILABLE, "HSM unavailable: the one-time key was not destroyed");
        }
    }

    private void checkDeadline(SignRequested request) {
        if (!clock.instant().isBefore(request.deadline())) {
            throw new SignFailure(ErrorCode.EXPIRED, "deadline " + request.deadline() + " passed");
        }
    }

    private <T> T hsm(Supplier<T> operation) {
        for (int attempt = 1; ; attempt++) {
            try {
                return operation.get();
            } catch (HsmException e) {
                if (e.code() == HsmErrorCode.KEY_NOT_FOUND) {
                    throw new KeyLost();
                }
                if (e.code() == HsmErrorCode.UNSUPPORTED_ALGORITHM) {
                    throw new SignFailure(ErrorCode.UNSUPPORTED_ALGORITHM, "the HSM does not support this algorithm");
                }
                if (!e.retryable() || attempt >= properties.hsmAttempts()) {
                    LOG.warn("HSM operation failed ({}), attempt {}", e.code(), attempt);
                    throw new SignFailure(ErrorCode.HSM_UNAVAILABLE, "HSM unavailable: " + e.code());
                }
            }
        }
    }

    private static List<Certificate> chain(CertIssued issued) {
        return issued.chain().stream()
                .map(c -> Certificate.getInstance(c.bytes()))
                .toList();
    }

    private static X509CertificateHolder holder(byte[] der) {
        return new X509CertificateHolder(Certificate.getInstance(der));
    }

    private static byte[] encoded(TimeStampToken token) {
        try {
            return token.getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("time-stamp token cannot be encoded", e);
        }
    }

    static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }

    /** The request's ephemeral key is gone from the HSM: it died with its session. */
    private static final class KeyLost extends RuntimeException {
        KeyLost() {
            super(null, null, false, false);
        }
    }

    /**
     * cert-worker refused the certificate because the request has already ended: this is a redundant copy of it
     * (its record worked on twice), whose result would only be discarded.
     */
    private static final class RequestEnded extends RuntimeException {
        RequestEnded() {
            super("the sign request has ended", null, false, false);
        }
    }
}
