package io.signet.certworker.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectDirectoryAttributes;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.qualified.ETSIQCObjectIdentifiers;
import org.bouncycastle.asn1.x509.qualified.QCStatement;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;

class EndEntityCertificatesTest {

    private final TestPki pki = TestPki.create();
    private final EndEntityCertificates certificates =
            new EndEntityCertificates(pki.properties(), pki.issuing(), pki.issuingKey());
    private final SubjectClaims claims = new SubjectClaims(
            "PSN-7f3a9c",
            "Erika Mustermann",
            "Erika",
            "Mustermann",
            "DE",
            "51147",
            "Heidestraße 17",
            "Köln",
            LocalDate.of(1964, 8, 12),
            "Berlin",
            List.of("DE", "AT"));

    @Test
    void oneTimeCertificateCarriesClaimsQcStatementsAndValidatesUpToTheRoot() throws Exception {
        KeyPair key = TestCsrs.ec("secp256r1");
        Instant now =
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusMillis(750);
        IssuedCertificate issued = certificates.issue(
                claims,
                SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()),
                now,
                Duration.ofSeconds(60),
                true);

        X509CertificateHolder holder = new X509CertificateHolder(issued.der());
        assertThat(issued.id())
                .isEqualTo(EndEntityCertificates.certificateId(issued.der()))
                .hasSize(64);
        assertThat(holder.getSerialNumber()).isEqualTo(issued.serial());
        assertThat(holder.getNotBefore().toInstant()).isEqualTo(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(holder.getNotAfter().toInstant())
                .isEqualTo(
                        now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(60));

        var subject = holder.getSubject();
        assertThat(value(subject, BCStyle.CN)).isEqualTo("Erika Mustermann");
        assertThat(value(subject, BCStyle.GIVENNAME)).isEqualTo("Erika");
        assertThat(value(subject, BCStyle.SURNAME)).isEqualTo("Mustermann");
        assertThat(value(subject, BCStyle.C)).isEqualTo("DE");
        assertThat(value(subject, BCStyle.POSTAL_CODE)).isEqualTo("51147");
        assertThat(value(subject, BCStyle.STREET)).isEqualTo("Heidestraße 17");
        assertThat(value(subject, BCStyle.SERIALNUMBER)).isEqualTo("PSN-7f3a9c");

        var directory = SubjectDirectoryAttributes.getInstance(
                holder.getExtension(Extension.subjectDirectoryAttributes).getParsedValue());
        assertThat(directory.getAttributes())
                .extracting(a ->
                        ((org.bouncycastle.asn1.x509.Attribute) a).getAttrType().getId())
                .containsExactly(
                        BCStyle.DATE_OF_BIRTH.getId(),
                        BCStyle.PLACE_OF_BIRTH.getId(),
                        BCStyle.COUNTRY_OF_CITIZENSHIP.getId(),
                        BCStyle.COUNTRY_OF_CITIZENSHIP.getId());
        var dateOfBirth =
                (org.bouncycastle.asn1.x509.Attribute) directory.getAttributes().get(0);
        assertThat(org.bouncycastle.asn1.ASN1GeneralizedTime.getInstance(
                                dateOfBirth.getAttrValues().getObjectAt(0))
                        .getTimeString())
                .isEqualTo("19640812120000Z");

        Extension keyUsage = holder.getExtension(Extension.keyUsage);
        assertThat(keyUsage.isCritical()).isTrue();
        X509Certificate jca = CaCertificatesTest.jca(holder);
        assertThat(jca.getKeyUsage()[1]).as("nonRepudiation").isTrue();
        assertThat(jca.getKeyUsage()[0]).as("digitalSignature").isFalse();
        assertThat(qcStatements(holder))
                .containsExactly(
                        ETSIQCObjectIdentifiers.id_etsi_qcs_QcCompliance,
                        ETSIQCObjectIdentifiers.id_etsi_qcs_QcSSCD,
                        ETSIQCObjectIdentifiers.id_etsi_qcs_QcType);
        assertThat(holder.getExtension(Extension.authorityInfoAccess)).isNotNull();
        assertThat(holder.getExtension(Extension.cRLDistributionPoints)).isNotNull();
        assertThat(holder.getExtension(Extension.certificatePolicies)).isNotNull();

        PKIXParameters parameters =
                new PKIXParameters(Set.of(new TrustAnchor(CaCertificatesTest.jca(pki.root()), null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(java.util.Date.from(now.plusSeconds(1)));
        CertPathValidator.getInstance("PKIX")
                .validate(
                        CertificateFactory.getInstance("X.509")
                                .generateCertPath(List.of(jca, CaCertificatesTest.jca(pki.issuing()))),
                        parameters);
    }

    @Test
    void validityAsIssuedIsTheValidityInTheCertificateEvenForAFractionalDuration() throws Exception {
        KeyPair key = TestCsrs.ec("secp256r1");
        IssuedCertificate issued = certificates.issue(
                claims,
                SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()),
                Instant.parse("2026-12-04T10:00:00.900Z"),
                Duration.ofSeconds(60).plusMillis(1_700),
                true);

        X509CertificateHolder holder = new X509CertificateHolder(issued.der());
        assertThat(issued.notBefore()).isEqualTo(Instant.parse("2026-12-04T10:00:00Z"));
        assertThat(issued.notAfter()).isEqualTo(Instant.parse("2026-12-04T10:01:01Z"));
        assertThat(holder.getNotBefore().toInstant()).isEqualTo(issued.notBefore());
        assertThat(holder.getNotAfter().toInstant()).isEqualTo(issued.notAfter());
    }

    @Test
    void validityTimesAreUtcTimeThrough2049AndGeneralizedTimeAfter() throws Exception {
        for (String instant : List.of(
                "1950-01-01T00:00:00Z", "2026-02-28T23:59:59Z", "2049-12-31T23:59:59Z", "2050-01-01T00:00:00Z")) {
            var time = DerTimes.validity(Instant.parse(instant));
            assertThat(time.getEncoded())
                    .as(instant)
                    .isEqualTo(new org.bouncycastle.asn1.x509.Time(java.util.Date.from(Instant.parse(instant)))
                            .getEncoded());
            assertThat(time.getDate().toInstant()).as(instant).isEqualTo(Instant.parse(instant));
        }
        assertThat(DerTimes.validity(Instant.parse("2049-12-31T23:59:59Z")).toASN1Primitive())
                .isInstanceOf(org.bouncycastle.asn1.ASN1UTCTime.class)
                .hasToString("491231235959Z");
        assertThat(DerTimes.validity(Instant.parse("2050-01-01T00:00:00Z")).toASN1Primitive())
                .isInstanceOf(org.bouncycastle.asn1.ASN1GeneralizedTime.class);
    }

    @Test
    void dateOfBirthIsNoonOfThatDayWithAFourDigitYear() {
        assertThat(DerTimes.noonOf(LocalDate.of(1964, 8, 12)).getTimeString()).isEqualTo("19640812120000Z");
        assertThat(DerTimes.noonOf(LocalDate.of(987, 1, 2)).getTimeString()).isEqualTo("09870102120000Z");
        assertThatThrownBy(() -> new SubjectClaims(
                        "PSN-1", "A B", null, null, null, null, null, null, LocalDate.of(10_000, 1, 1), null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dateOfBirth");
    }

    @Test
    void keyOutsideAQscdGetsNoQcSscdStatement() throws Exception {
        KeyPair key = TestCsrs.ec("secp256r1");
        IssuedCertificate issued = certificates.issue(
                SubjectClaims.minimal("PSN-1", "A B"),
                SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()),
                Instant.now(),
                Duration.ofDays(1),
                false);
        assertThat(qcStatements(new X509CertificateHolder(issued.der())))
                .doesNotContain(ETSIQCObjectIdentifiers.id_etsi_qcs_QcSSCD);
    }

    @Test
    void subjectIdOutsidePrintableStringBecomesAStableHashedPseudonym() {
        assertThat(SubjectNames.serialNumber("auth0|user_1"))
                .isEqualTo(SubjectNames.serialNumber("auth0|user_1"))
                .startsWith("PSN-")
                .hasSize(44);
        assertThat(SubjectNames.serialNumber("PSN-7f3a9c")).isEqualTo("PSN-7f3a9c");
        assertThatThrownBy(() -> SubjectClaims.minimal(" ", "A B")).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<ASN1ObjectIdentifier> qcStatements(X509CertificateHolder holder) {
        ASN1Sequence sequence = ASN1Sequence.getInstance(
                holder.getExtension(Extension.qCStatements).getParsedValue());
        return java.util.stream.StreamSupport.stream(sequence.spliterator(), false)
                .map(s -> QCStatement.getInstance(s).getStatementId())
                .toList();
    }

    private static String value(org.bouncycastle.asn1.x500.X500Name name, ASN1ObjectIdentifier type) {
        return IETFUtils.valueToString(name.getRDNs(type)[0].getFirst().getValue());
    }
}
