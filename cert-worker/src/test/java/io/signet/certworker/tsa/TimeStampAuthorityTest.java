package io.signet.certworker.tsa;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.certworker.ca.TestPki;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.Test;

class TimeStampAuthorityTest {

    private static final TsaProperties PROPERTIES = new TsaProperties(
            "0.4.0.2023.1.1",
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(10));

    private final TestPki pki = TestPki.create();

    @Test
    void tokenEchoesImprintAndNonceCarriesPolicyAndAccuracyAndVerifies() throws Exception {
        TimeStampAuthority tsa = tsa(Instant::now);
        byte[] imprint = new byte[32];
        imprint[0] = 7;
        TimeStampRequest request = request(TSPAlgorithms.SHA256, imprint, BigInteger.valueOf(42), true);

        TimeStampResponse response = new TimeStampResponse(tsa.respond(request.getEncoded()));
        response.validate(request);
        assertThat(response.getStatus()).isEqualTo(PKIStatus.GRANTED);
        TimeStampToken token = response.getTimeStampToken();
        token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(pki.tsa()));
        assertThat(token.getTimeStampInfo().getNonce()).isEqualTo(BigInteger.valueOf(42));
        assertThat(token.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(imprint);
        assertThat(token.getTimeStampInfo().getPolicy().getId()).isEqualTo("0.4.0.2023.1.1");
        assertThat(token.getTimeStampInfo().getGenTimeAccuracy().getSeconds()).isEqualTo(1);
        assertThat(token.getCertificates().getMatches(null)).contains(pki.tsa());
    }

    @Test
    void withoutCertReqTheTokenCarriesNoCertificate() throws Exception {
        TimeStampRequest request = request(TSPAlgorithms.SHA512, new byte[64], null, false);
        TimeStampResponse response = new TimeStampResponse(tsa(Instant::now).respond(request.getEncoded()));
        assertThat(response.getTimeStampToken().getCertificates().getMatches(null))
                .isEmpty();
    }

    @Test
    void serialsAreUnique() throws Exception {
        TimeStampAuthority tsa = tsa(Instant::now);
        Set<BigInteger> serials = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            TimeStampRequest request = request(TSPAlgorithms.SHA256, new byte[32], null, false);
            serials.add(new TimeStampResponse(tsa.respond(request.getEncoded()))
                    .getTimeStampToken()
                    .getTimeStampInfo()
                    .getSerialNumber());
        }
        assertThat(serials).hasSize(50);
    }

    @Test
    void md5AndSha1GetBadAlg() throws Exception {
        TimeStampAuthority tsa = tsa(Instant::now);
        for (var algorithm : new ASN1ObjectIdentifier[] {TSPAlgorithms.MD5, TSPAlgorithms.SHA1}) {
            int length = algorithm.equals(TSPAlgorithms.MD5) ? 16 : 20;
            TimeStampResponse response = new TimeStampResponse(tsa.respond(
                    request(algorithm, new byte[length], null, false).getEncoded()));
            assertThat(response.getStatus()).isEqualTo(PKIStatus.REJECTION);
            assertThat(response.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.badAlg);
            assertThat(response.getTimeStampToken()).isNull();
        }
    }

    @Test
    void driftingClockGivesNoToken() throws Exception {
        TimeStampAuthority tsa = tsa(() -> Instant.now().plusSeconds(30));
        TimeStampResponse response = new TimeStampResponse(tsa.respond(
                request(TSPAlgorithms.SHA256, new byte[32], null, false).getEncoded()));
        assertThat(response.getStatus()).isEqualTo(PKIStatus.REJECTION);
        assertThat(response.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.timeNotAvailable);
        assertThat(response.getTimeStampToken()).isNull();
    }

    @Test
    void unreachableReferenceGivesNoToken() throws Exception {
        TimeStampAuthority tsa = tsa(() -> {
            throw new java.io.IOException("down");
        });
        TimeStampResponse response = new TimeStampResponse(tsa.respond(
                request(TSPAlgorithms.SHA256, new byte[32], null, false).getEncoded()));
        assertThat(response.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.timeNotAvailable);
    }

    private TimeStampAuthority tsa(TimeReference reference) {
        ClockGuard guard = new ClockGuard(Clock.systemUTC(), reference, Duration.ofSeconds(1), Duration.ofSeconds(10));
        guard.sample();
        return new TimeStampAuthority(pki.tsa(), pki.issuing(), pki.tsaKey(), PROPERTIES, guard, Clock.systemUTC());
    }

    private static TimeStampRequest request(
            ASN1ObjectIdentifier algorithm, byte[] imprint, BigInteger nonce, boolean certReq) {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(certReq);
        return nonce == null ? generator.generate(algorithm, imprint) : generator.generate(algorithm, imprint, nonce);
    }
}
