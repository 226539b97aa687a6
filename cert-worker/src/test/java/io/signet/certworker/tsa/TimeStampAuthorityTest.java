package io.signet.certworker.tsa;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.certworker.ca.TestPki;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAlgorithmProtection;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
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

    @Test
    void genTimeIsTheClocksMillisecondAndTheSignedAttributesNameTheTsaCertificate() throws Exception {
        Instant now = Instant.parse("2026-12-05T10:15:30.120Z");
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        ClockGuard guard = new ClockGuard(clock, () -> now, Duration.ofSeconds(1), Duration.ofSeconds(10));
        guard.sample();
        TimeStampAuthority tsa =
                new TimeStampAuthority(pki.tsa(), pki.issuing(), pki.tsaKey(), PROPERTIES, guard, clock);
        TimeStampRequest request = request(TSPAlgorithms.SHA3_256, new byte[32], BigInteger.TEN, true);

        TimeStampToken token = new TimeStampResponse(tsa.respond(request.getEncoded())).getTimeStampToken();

        // RFC 3161 2.4.2: no trailing zero in the fraction of a second.
        assertThat(token.getTimeStampInfo().toASN1Structure().getGenTime().getTimeString())
                .isEqualTo("20261205101530.12Z");
        assertThat(token.getTimeStampInfo().getGenTime().toInstant()).isEqualTo(now);
        AttributeTable signed = token.getSignedAttributes();
        assertThat(signed.get(CMSAttributes.contentType).getAttrValues().getObjectAt(0))
                .isEqualTo(PKCSObjectIdentifiers.id_ct_TSTInfo);
        assertThat(Time.getInstance(signed.get(CMSAttributes.signingTime)
                                .getAttrValues()
                                .getObjectAt(0))
                        .getDate()
                        .toInstant())
                .isEqualTo(Instant.parse("2026-12-05T10:15:30Z"));
        CMSAlgorithmProtection protection = CMSAlgorithmProtection.getInstance(
                signed.get(CMSAttributes.cmsAlgorithmProtect).getAttrValues().getObjectAt(0));
        assertThat(protection.getSignatureAlgorithm())
                .isEqualTo(token.toCMSSignedData()
                        .getSignerInfos()
                        .getSigners()
                        .iterator()
                        .next()
                        .toASN1Structure()
                        .getDigestEncryptionAlgorithm());
        SigningCertificateV2 signingCertificate =
                SigningCertificateV2.getInstance(signed.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2)
                        .getAttrValues()
                        .getObjectAt(0));
        assertThat(signingCertificate.getCerts()[0].getCertHash())
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(pki.tsa().getEncoded()));
        // BouncyCastle's validation also matches the signing certificate's hash against the certificate given.
        token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(pki.tsa()));
        assertThat(token.getCertificates().getMatches(null)).containsExactlyInAnyOrder(pki.tsa(), pki.issuing());
    }

    @Test
    void anotherPolicyGetsUnacceptedPolicyAndOursIsGranted() throws Exception {
        TimeStampAuthority tsa = tsa(Instant::now);
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setReqPolicy(new ASN1ObjectIdentifier("1.2.3.4"));
        TimeStampResponse refused = new TimeStampResponse(tsa.respond(
                generator.generate(TSPAlgorithms.SHA256, new byte[32]).getEncoded()));
        assertThat(refused.getStatus()).isEqualTo(PKIStatus.REJECTION);
        assertThat(refused.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.unacceptedPolicy);

        generator.setReqPolicy(new ASN1ObjectIdentifier(PROPERTIES.policyOid()));
        TimeStampResponse granted = new TimeStampResponse(tsa.respond(
                generator.generate(TSPAlgorithms.SHA256, new byte[32]).getEncoded()));
        assertThat(granted.getStatus()).isEqualTo(PKIStatus.GRANTED);
    }

    @Test
    void malformedQueriesGetBadDataFormat() throws Exception {
        TimeStampAuthority tsa = tsa(Instant::now);
        byte[] shortImprint =
                request(TSPAlgorithms.SHA256, new byte[31], null, false).getEncoded();
        for (byte[] query : List.of(shortImprint, new byte[] {0x30, 0x03, 0x02, 0x01}, new byte[0])) {
            TimeStampResponse response = new TimeStampResponse(tsa.respond(query));
            assertThat(response.getStatus()).isEqualTo(PKIStatus.REJECTION);
            assertThat(response.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.badDataFormat);
            assertThat(response.getTimeStampToken()).isNull();
        }
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
