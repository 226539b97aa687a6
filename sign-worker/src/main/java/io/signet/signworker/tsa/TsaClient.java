package io.signet.signworker.tsa;

import io.signet.hsm.DigestAlgorithm;
import io.signet.hsm.SoftwareEcdsaVerifierProvider;
import io.signet.platform.http.ServiceHttp;
import io.signet.signworker.cades.Digests;
import java.io.IOException;
import java.math.BigInteger;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 3161 client over HTTP (application/timestamp-query). Each request carries a random nonce and asks for the
 * TSA's certificate (certReq), so the token can be validated offline; the response is checked against the request
 * (status, imprint, nonce, policy) before it is used. Thread-safe: one pool of keep-alive connections.
 */
public final class TsaClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TsaClient.class);
    private static final String QUERY = "application/timestamp-query";
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
    private static final int MAX_VERIFIERS = 8;

    private final TsaProperties properties;
    /** Connections kept to the TSA: one per sign request a worker runs at once, by default. */
    private static final int MAX_CONNECTIONS = 256;

    private final Clock clock;
    private final ServiceHttp http;
    /** Counted down by {@link #close()}: wakes and ends every retry in progress. */
    private final CountDownLatch closed = new CountDownLatch(1);

    private final SecureRandom random = new SecureRandom();
    private final Map<X509CertificateHolder, SignerInformationVerifier> verifiers = new ConcurrentHashMap<>();

    public TsaClient(TsaProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.http = new ServiceHttp(properties.timeout(), MAX_CONNECTIONS);
    }

    /**
     * A time-stamp token over {@code signatureValue} (the signature-time-stamp of ETSI EN 319 122-1 5.3), with the
     * imprint made by {@code digestAlgorithm}. Tries at least {@code attempts} times, and on, with growing pauses,
     * while the next attempt can still begin before {@code until}; a closed client stops trying at once.
     *
     * @param until when the signature must have its time-stamp (its deadline, its certificate's expiry)
     * @throws TsaException when no attempt produced a valid token
     */
    public TimeStampToken timestamp(byte[] signatureValue, DigestAlgorithm digestAlgorithm, Instant until) {
        byte[] imprint = Digests.digest(digestAlgorithm, signatureValue);
        Duration pause = properties.retryDelay();
        for (int attempt = 1; ; attempt++) {
            try {
                return once(imprint, digestAlgorithm);
            } catch (TsaException e) {
                boolean again = attempt < properties.attempts()
                        || clock.instant().plus(pause).isBefore(until);
                // One line when the trouble starts and one when it ends the request: a TSA away for a minute would
                // otherwise log every pause of every request waiting for it.
                if (!again) {
                    LOG.warn("time-stamp attempt {} failed, giving up: {}", attempt, e.getMessage());
                } else if (attempt == 1) {
                    LOG.warn("time-stamp failed, trying again until {}: {}", until, e.getMessage());
                } else {
                    LOG.debug("time-stamp attempt {} failed: {}", attempt, e.getMessage());
                }
                if (!again || pausedUntilClosed(pause)) {
                    throw e;
                }
            }
            pause = min(pause.multipliedBy(2), TsaProperties.MAX_RETRY_DELAY);
        }
    }

    /** Waits {@code pause}; true when the client was closed before or meanwhile (the service stops). */
    private boolean pausedUntilClosed(Duration pause) {
        try {
            return closed.await(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private TimeStampToken once(byte[] imprint, DigestAlgorithm digestAlgorithm) {
        if (closed.getCount() == 0) {
            throw new TsaException("TSA client closed: the service stops");
        }
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request = generator.generate(digestAlgorithm.oid(), imprint, new BigInteger(63, random));
        ServiceHttp.Response response = post(request);
        if (response.status() != 200) {
            throw new TsaException("TSA answered HTTP " + response.status());
        }
        try {
            TimeStampResponse reply = new TimeStampResponse(response.body());
            reply.validate(request);
            TimeStampToken token = reply.getTimeStampToken();
            if (token == null) {
                throw new TsaException("TSA refused: status " + reply.getStatus() + " " + reply.getStatusString());
            }
            verifySignature(token);
            return token;
        } catch (TSPException | IOException e) {
            throw new TsaException("TSA reply unusable: " + e.getMessage(), e);
        }
    }

    // Integrity against the certificate the TSA sent along (certReq=true); whether that TSA is trusted is the
    // validator's question, answered by the trust anchors it is given. The verifier of a TSA certificate is built once
    // (a TSA has one or two certificates at a time); BouncyCastle's ECDSA verifies faster than the JDK's here, and
    // without its JCA verifier's second, ignored verification (SoftwareEcdsaVerifierProvider) in half the time.
    @SuppressWarnings("unchecked")
    private void verifySignature(TimeStampToken token) throws TSPException {
        Collection<X509CertificateHolder> matches = token.getCertificates().getMatches(token.getSID());
        if (matches.isEmpty()) {
            throw new TsaException("TSA token carries no signer certificate although certReq was set");
        }
        token.validate(verifierFor(matches.iterator().next()));
    }

    private SignerInformationVerifier verifierFor(X509CertificateHolder certificate) {
        SignerInformationVerifier known = verifiers.get(certificate);
        if (known != null) {
            return known;
        }
        try {
            SignerInformationVerifier verifier = isEc(certificate)
                    ? new SignerInformationVerifier(
                            new DefaultCMSSignatureAlgorithmNameGenerator(),
                            new DefaultSignatureAlgorithmIdentifierFinder(),
                            SoftwareEcdsaVerifierProvider.of(certificate),
                            new JcaDigestCalculatorProviderBuilder()
                                    .setProvider(BOUNCY_CASTLE)
                                    .build())
                    : new JcaSimpleSignerInfoVerifierBuilder()
                            .setProvider(BOUNCY_CASTLE)
                            .build(certificate);
            if (verifiers.size() >= MAX_VERIFIERS) {
                verifiers.clear(); // a TSA that changes certificates all the time gets no cache, but stays correct
            }
            verifiers.put(certificate, verifier);
            return verifier;
        } catch (OperatorCreationException | CertificateException e) {
            throw new TsaException("TSA certificate unusable: " + e.getMessage(), e);
        }
    }

    private static boolean isEc(X509CertificateHolder certificate) {
        return X9ObjectIdentifiers.id_ecPublicKey.equals(
                certificate.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm());
    }

    private ServiceHttp.Response post(TimeStampRequest request) {
        try {
            return http.post(properties.url(), QUERY, request.getEncoded(), Map.of());
        } catch (IOException e) {
            throw new TsaException(
                    "TSA unreachable at " + properties.url() + ": "
                            + e.getClass().getSimpleName(),
                    e);
        }
    }

    @Override
    public void close() {
        closed.countDown();
        http.close();
    }
}
