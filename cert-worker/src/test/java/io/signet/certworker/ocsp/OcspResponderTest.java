package io.signet.certworker.ocsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.certworker.ca.CertificateRecord;
import io.signet.certworker.ca.CertificateStatus;
import io.signet.certworker.ca.TestPki;
import java.math.BigInteger;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;

class OcspResponderTest {

    private static final Instant REVOKED_AT = Instant.parse("2026-01-02T03:04:05Z");

    private final TestPki pki = TestPki.create();
    private final Map<BigInteger, CertificateRecord> records = Map.of(
            BigInteger.ONE,
            record("1", CertificateStatus.ACTIVE, null),
            BigInteger.TWO,
            record("2", CertificateStatus.REVOKED, CRLReason.keyCompromise),
            BigInteger.TEN,
            record("a", CertificateStatus.SUSPENDED, CRLReason.certificateHold),
            BigInteger.valueOf(11),
            record("b", CertificateStatus.REVOKED, null),
            BigInteger.valueOf(12),
            record("c", CertificateStatus.REVOKED, CRLReason.unspecified));
    private final OcspResponder responder = new OcspResponder(
            pki.issuing(),
            pki.ocsp(),
            pki.ocspKey(),
            serial -> Optional.ofNullable(records.get(serial)),
            Clock.systemUTC());

    @Test
    void goodRevokedHeldAndNeverIssuedEachGetTheirStatusSignedByTheOcspSigner() throws Exception {
        BasicOCSPResp response = ask(null, BigInteger.ONE, BigInteger.TWO, BigInteger.TEN, BigInteger.valueOf(99));
        assertThat(response.isSignatureValid(new JcaContentVerifierProviderBuilder().build(pki.ocsp())))
                .isTrue();
        SingleResp[] answers = response.getResponses();
        assertThat(answers[0].getCertStatus()).isNull(); // good
        assertThat(answers[1].getCertStatus()).isInstanceOfSatisfying(RevokedStatus.class, r -> {
            assertThat(r.getRevocationTime().toInstant()).isEqualTo(REVOKED_AT);
            assertThat(r.getRevocationReason()).isEqualTo(CRLReason.keyCompromise);
        });
        assertThat(answers[2].getCertStatus())
                .isInstanceOfSatisfying(
                        RevokedStatus.class,
                        r -> assertThat(r.getRevocationReason()).isEqualTo(CRLReason.certificateHold));
        assertThat(answers[3].getCertStatus()).isInstanceOf(UnknownStatus.class);
    }

    @Test
    void aRevocationWithoutAReasonOrWithUnspecifiedCarriesNoReasonAsOnTheCrl() throws Exception {
        BasicOCSPResp response = ask(null, BigInteger.valueOf(11), BigInteger.valueOf(12));
        for (SingleResp answer : response.getResponses()) {
            assertThat(answer.getCertStatus()).isInstanceOfSatisfying(RevokedStatus.class, r -> {
                assertThat(r.getRevocationTime().toInstant()).isEqualTo(REVOKED_AT);
                assertThat(r.hasRevocationReason()).isFalse();
            });
        }
    }

    @Test
    void nonceIsEchoed() throws Exception {
        byte[] nonce = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
        BasicOCSPResp response = ask(nonce, BigInteger.ONE);
        assertThat(response.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce)
                        .getExtnValue()
                        .getOctets())
                .isEqualTo(new DEROctetString(nonce).getEncoded());
    }

    @Test
    void otherIssuerIsUnknown() throws Exception {
        TestPki other = TestPki.create();
        var id = new CertificateID(
                new BcDigestCalculatorProvider().get(CertificateID.HASH_SHA1), other.issuing(), BigInteger.ONE);
        OCSPResp response = new OCSPResp(
                responder.respond(new OCSPReqBuilder().addRequest(id).build().getEncoded()));
        assertThat(((BasicOCSPResp) response.getResponseObject()).getResponses()[0].getCertStatus())
                .isInstanceOf(UnknownStatus.class);
    }

    @Test
    void certIdsHashedWithOtherAlgorithmsNameTheIssuerToo() throws Exception {
        // SHA-256 is matched against hashes computed once, SHA-384 the long way; both must see the issuer.
        for (var hash : new org.bouncycastle.asn1.ASN1ObjectIdentifier[] {
            org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256,
            org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha384
        }) {
            var algorithm =
                    new org.bouncycastle.asn1.x509.AlgorithmIdentifier(hash, org.bouncycastle.asn1.DERNull.INSTANCE);
            var ours =
                    new CertificateID(new BcDigestCalculatorProvider().get(algorithm), pki.issuing(), BigInteger.ONE);
            var theirs = new CertificateID(
                    new BcDigestCalculatorProvider().get(algorithm),
                    TestPki.create().issuing(),
                    BigInteger.ONE);
            SingleResp[] answers = ((BasicOCSPResp) new OCSPResp(responder.respond(new OCSPReqBuilder()
                                    .addRequest(ours)
                                    .addRequest(theirs)
                                    .build()
                                    .getEncoded()))
                            .getResponseObject())
                    .getResponses();
            assertThat(answers[0].getCertStatus()).as("%s, this issuer", hash).isNull(); // good
            assertThat(answers[0].getCertID()).isEqualTo(ours);
            assertThat(answers[1].getCertStatus())
                    .as("%s, another issuer", hash)
                    .isInstanceOf(UnknownStatus.class);
        }
    }

    @Test
    void responseTimesAreWholeSecondsOfTheClock() throws Exception {
        Instant now = Instant.parse("2026-12-04T21:59:58.750Z");
        OcspResponder atNow = new OcspResponder(
                pki.issuing(),
                pki.ocsp(),
                pki.ocspKey(),
                serial -> Optional.ofNullable(records.get(serial)),
                Clock.fixed(now, java.time.ZoneOffset.UTC));
        BasicOCSPResp response =
                (BasicOCSPResp) new OCSPResp(atNow.respond(request(BigInteger.ONE))).getResponseObject();
        assertThat(response.getProducedAt().toInstant()).isEqualTo(Instant.parse("2026-12-04T21:59:58Z"));
        assertThat(response.getResponses()[0].getThisUpdate().toInstant())
                .isEqualTo(Instant.parse("2026-12-04T21:59:58Z"));
        assertThat(response.getResponses()[0].getNextUpdate()).isNull();
        assertThat(response.getCerts()).containsExactly(pki.ocsp());
    }

    @Test
    void garbageGetsMalformedRequest() throws Exception {
        assertThat(new OCSPResp(responder.respond(new byte[] {1, 2, 3})).getStatus())
                .isEqualTo(OCSPRespBuilder.MALFORMED_REQUEST);
    }

    @Test
    void aStatusThatCannotBeReadBecauseTheDatabaseIsAwayGetsTryLater() throws Exception {
        OcspResponder away = responderWhoseLookupThrows(new IllegalStateException(
                "no connection", new SQLException("Connection to localhost:5432 refused", "08001")));

        assertThat(new OCSPResp(away.respond(request(BigInteger.ONE))).getStatus())
                .isEqualTo(OCSPRespBuilder.TRY_LATER);
    }

    @Test
    void anyOtherFailureGetsInternalError() throws Exception {
        OcspResponder broken = responderWhoseLookupThrows(new IllegalStateException("a bug"));

        assertThat(new OCSPResp(broken.respond(request(BigInteger.ONE))).getStatus())
                .isEqualTo(OCSPRespBuilder.INTERNAL_ERROR);
    }

    @Test
    void theResponseForANewCertificateIsNeverTryLater() {
        OcspResponder away = responderWhoseLookupThrows(new IllegalStateException(
                "no connection", new SQLException("Connection to localhost:5432 refused", "08001")));

        assertThatThrownBy(() -> away.responseFor(pki.issuing())).isInstanceOf(IllegalStateException.class);
    }

    private OcspResponder responderWhoseLookupThrows(RuntimeException failure) {
        return new OcspResponder(
                pki.issuing(),
                pki.ocsp(),
                pki.ocspKey(),
                serial -> {
                    throw failure;
                },
                Clock.systemUTC());
    }

    private byte[] request(BigInteger serial) throws Exception {
        return new OCSPReqBuilder()
                .addRequest(new CertificateID(
                        new BcDigestCalculatorProvider().get(CertificateID.HASH_SHA1), pki.issuing(), serial))
                .build()
                .getEncoded();
    }

    private BasicOCSPResp ask(byte[] nonce, BigInteger... serials) throws Exception {
        OCSPReqBuilder builder = new OCSPReqBuilder();
        for (BigInteger serial : serials) {
            builder.addRequest(new CertificateID(
                    new BcDigestCalculatorProvider().get(CertificateID.HASH_SHA1), pki.issuing(), serial));
        }
        if (nonce != null) {
            builder.setRequestExtensions(new Extensions(new Extension(
                    OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                    false,
                    new DEROctetString(new DEROctetString(nonce).getEncoded()))));
        }
        OCSPResp response = new OCSPResp(responder.respond(builder.build().getEncoded()));
        assertThat(response.getStatus()).isEqualTo(OCSPRespBuilder.SUCCESSFUL);
        return (BasicOCSPResp) response.getResponseObject();
    }

    private static CertificateRecord record(String serial, CertificateStatus status, Integer reason) {
        return new CertificateRecord(
                "id" + serial,
                serial,
                "SCD",
                "subject",
                null,
                Instant.EPOCH,
                Instant.MAX,
                status,
                null,
                reason,
                status == CertificateStatus.ACTIVE ? null : REVOKED_AT);
    }
}
