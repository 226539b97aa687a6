package io.signet.certworker.tsa;

import io.signet.certworker.ca.CaKey;
import io.signet.certworker.ca.SerialNumbers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * RFC 3161 time-stamping authority: one policy, SHA-2 and SHA-3 imprints only (MD5, SHA-1 and anything unknown get
 * badAlg), random unique serials, the nonce and imprint echoed, the TSA certificate included on certReq, and no token
 * at all while the {@link ClockGuard} does not trust the clock (timeNotAvailable). Thread-safe: each request gets
 * its own generators, which BouncyCastle does not share safely.
 */
public final class TimeStampAuthority {

    static final Set<ASN1ObjectIdentifier> ACCEPTED_ALGORITHMS = Set.of(
            TSPAlgorithms.SHA256,
            TSPAlgorithms.SHA384,
            TSPAlgorithms.SHA512,
            TSPAlgorithms.SHA3_256,
            TSPAlgorithms.SHA3_384,
            TSPAlgorithms.SHA3_512);

    private final X509CertificateHolder tsaCertificate;
    private final CaKey tsaKey;
    private final JcaCertStore certificates;
    private final ASN1ObjectIdentifier policy;
    private final TsaProperties properties;
    private final ClockGuard clockGuard;
    private final Clock clock;
    private final DigestCalculatorProvider digests = new BcDigestCalculatorProvider();

    public TimeStampAuthority(
            X509CertificateHolder tsaCertificate,
            X509CertificateHolder issuingCertificate,
            CaKey tsaKey,
            TsaProperties properties,
            ClockGuard clockGuard,
            Clock clock) {
        this.tsaCertificate = tsaCertificate;
        this.tsaKey = tsaKey;
        this.policy = new ASN1ObjectIdentifier(properties.policyOid());
        this.properties = properties;
        this.clockGuard = clockGuard;
        this.clock = clock;
        try {
            this.certificates = new JcaCertStore(List.of(tsaCertificate, issuingCertificate));
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The DER TimeStampResp for a DER TimeStampReq; never throws for bad input. */
    public byte[] respond(byte[] queryDer) {
        try {
            TimeStampRequest request;
            try {
                request = new TimeStampRequest(queryDer);
            } catch (IOException | RuntimeException e) {
                return fail(PKIFailureInfo.badDataFormat, "request is not a DER TimeStampReq");
            }
            if (!clockGuard.trusted()) {
                return fail(PKIFailureInfo.timeNotAvailable, "the TSA clock is not synchronised");
            }
            TimeStampResponseGenerator generator =
                    new TimeStampResponseGenerator(tokenGenerator(), ACCEPTED_ALGORITHMS, Set.of(policy));
            // Passing the time makes the guard's verdict and the token's genTime refer to the same clock.
            return generator
                    .generate(request, SerialNumbers.next(), new Date(clock.millis()))
                    .getEncoded();
        } catch (TSPException e) {
            return fail(PKIFailureInfo.systemFailure, "time-stamp generation failed");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TimeStampTokenGenerator tokenGenerator() throws TSPException {
        try {
            DigestCalculator certIdDigest = digests.get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));
            SignerInfoGenerator signer =
                    new JcaSignerInfoGeneratorBuilder(digests).build(tsaKey.newSigner(), tsaCertificate);
            TimeStampTokenGenerator generator = new TimeStampTokenGenerator(signer, certIdDigest, policy);
            generator.setAccuracyMillis((int) (properties.accuracy().toMillis() % 1000));
            generator.setAccuracySeconds((int) properties.accuracy().toSeconds());
            generator.setResolution(TimeStampTokenGenerator.R_MILLISECONDS);
            generator.addCertificates(certificates);
            return generator;
        } catch (OperatorCreationException e) {
            throw new TSPException("cannot build the token signer", e);
        }
    }

    private byte[] fail(int failInfo, String text) {
        try {
            return new TimeStampResponseGenerator(null, ACCEPTED_ALGORITHMS)
                    .generateFailResponse(PKIStatus.REJECTION, failInfo, text)
                    .getEncoded();
        } catch (TSPException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
