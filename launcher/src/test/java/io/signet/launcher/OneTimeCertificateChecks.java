package io.signet.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Attribute;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectDirectoryAttributes;
import org.bouncycastle.asn1.x509.qualified.ETSIQCObjectIdentifiers;
import org.bouncycastle.asn1.x509.qualified.QCStatement;

/**
 * What issue 9 asks of a one-time certificate, read with the JDK and BouncyCastle rather than Signet's code: 60 s of
 * validity after its issuance, with a notBefore backdated by cert-worker's {@code signet.certworker.ca.backdate} (10 s
 * by default, CaProperties) from the gateway's acceptance of the request (so a PDF's signing time, claimed at
 * submission, lies within it however long the request waited), the requested key type, the dev signer token's identity claims in the subject and the
 * subjectDirectoryAttributes (issue 5, the 003 mapping table), the ETSI QC statements, nonRepudiation, and a
 * signature by Signet's issuing CA. Stateless.
 */
final class OneTimeCertificateChecks {

    /** cert-worker's oneTimeValidity and sign-worker's signet.signworker.cert.validity, both 60 s by default. */
    static final Duration VALIDITY = Duration.ofSeconds(60);
    /** cert-worker's backdate of notBefore (CaProperties, 10 s by default); notBefore is then cut to the second. */
    static final Duration BACKDATE = Duration.ofSeconds(10);

    private OneTimeCertificateChecks() {}

    static X509Certificate parsePem(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(
                        new ByteArrayInputStream(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    /**
     * @param submittedAt before the request was sent: the certificate cannot have been issued earlier
     * @param endedAt after the result arrived: the certificate cannot have been issued later
     */
    static void assertValidity(X509Certificate certificate, Instant submittedAt, Instant endedAt) {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        // notBefore = (acceptance - backdate) cut to the second, with submittedAt <= acceptance <= endedAt.
        assertThat(notBefore)
                .as("notBefore backdated by %s from an acceptance between submission and result", BACKDATE)
                .isAfter(submittedAt.minus(BACKDATE).minusSeconds(1))
                .isBeforeOrEqualTo(endedAt.minus(BACKDATE));
        // notAfter = notBefore + 60 s + the wait from acceptance to issuance (both between submission and result).
        assertThat(Duration.between(notBefore, notAfter))
                .as("notAfter - notBefore: %s plus the request's wait for its certificate", VALIDITY)
                .isGreaterThanOrEqualTo(VALIDITY)
                .isLessThanOrEqualTo(
                        VALIDITY.plus(Duration.between(submittedAt, endedAt)).plusSeconds(1));
    }

    static void assertKeyAlgorithm(X509Certificate certificate, String keyAlgorithm) {
        switch (keyAlgorithm) {
            case "EC_P256", "EC_P384" -> {
                assertThat(certificate.getPublicKey()).as("public key type").isInstanceOf(ECPublicKey.class);
                int bits = ((ECPublicKey) certificate.getPublicKey())
                        .getParams()
                        .getCurve()
                        .getField()
                        .getFieldSize();
                assertThat(bits).as("curve size").isEqualTo(keyAlgorithm.equals("EC_P256") ? 256 : 384);
            }
            case "RSA_3072" -> {
                assertThat(certificate.getPublicKey()).as("public key type").isInstanceOf(RSAPublicKey.class);
                assertThat(((RSAPublicKey) certificate.getPublicKey())
                                .getModulus()
                                .bitLength())
                        .as("modulus size")
                        .isEqualTo(3072);
            }
            default -> throw new IllegalArgumentException(keyAlgorithm);
        }
    }

    /** The subject and subjectDirectoryAttributes carry the token's claims; QC statements and key usage as issue 5. */
    static void assertIdentityClaims(X509Certificate certificate, JWTClaimsSet claims) throws ParseException {
        Map<ASN1ObjectIdentifier, List<String>> subject = attributes(certificate);
        Map<String, Object> address = claims.getJSONObjectClaim("address");
        String given = claims.getStringClaim("given_name");
        String family = claims.getStringClaim("family_name");
        // The dev token has no "name" claim: CN is given and family name joined. Its sub is a printable string of at
        // most 64 characters, which the serialNumber attribute carries as it is (a longer one would be hashed).
        assertThat(subject.get(BCStyle.CN)).as("CN").containsExactly(given + " " + family);
        assertThat(subject.get(BCStyle.GIVENNAME)).as("givenName").containsExactly(given);
        assertThat(subject.get(BCStyle.SURNAME)).as("surname").containsExactly(family);
        assertThat(subject.get(BCStyle.SERIALNUMBER))
                .as("serialNumber (pseudonymous subject id)")
                .containsExactly(claims.getSubject());
        assertThat(subject.get(BCStyle.C)).as("countryName").containsExactly((String) address.get("country"));
        assertThat(subject.get(BCStyle.L)).as("locality").containsExactly((String) address.get("locality"));
        assertThat(subject.get(BCStyle.POSTAL_CODE)).as("postalCode").containsExactly((String)
                address.get("postal_code"));
        assertThat(subject.get(BCStyle.STREET)).as("streetAddress").containsExactly((String)
                address.get("street_address"));

        Map<ASN1ObjectIdentifier, List<ASN1Encodable>> directory = directoryAttributes(certificate);
        String birthdate = claims.getStringClaim("birthdate").replace("-", "");
        assertThat(directory.get(BCStyle.DATE_OF_BIRTH))
                .as("dateOfBirth")
                .singleElement()
                .satisfies(v -> assertThat(ASN1GeneralizedTime.getInstance(v).getTimeString())
                        .isEqualTo(birthdate + "120000Z"));
        Map<String, Object> place = claims.getJSONObjectClaim("place_of_birth");
        assertThat(strings(directory.get(BCStyle.PLACE_OF_BIRTH)))
                .as("placeOfBirth")
                .containsExactly(place.get("locality") + ", " + place.get("country"));
        assertThat(strings(directory.get(BCStyle.COUNTRY_OF_CITIZENSHIP)))
                .as("countryOfCitizenship")
                .containsExactlyElementsOf(claims.getStringListClaim("nationalities"));

        assertThat(certificate.getKeyUsage()).as("key usage").isNotNull();
        assertThat(certificate.getKeyUsage()[1]).as("nonRepudiation").isTrue();
        assertThat(qcStatements(certificate))
                .as("QC statements")
                .contains(
                        ETSIQCObjectIdentifiers.id_etsi_qcs_QcCompliance,
                        ETSIQCObjectIdentifiers.id_etsi_qcs_QcSSCD,
                        ETSIQCObjectIdentifiers.id_etsi_qcs_QcType);
        assertThat(qcType(certificate)).as("QcType").containsExactly(ETSIQCObjectIdentifiers.id_etsi_qct_esign);
    }

    private static Map<ASN1ObjectIdentifier, List<String>> attributes(X509Certificate certificate) {
        Map<ASN1ObjectIdentifier, List<String>> found = new HashMap<>();
        for (RDN rdn : X500Name.getInstance(
                        certificate.getSubjectX500Principal().getEncoded())
                .getRDNs()) {
            found.computeIfAbsent(rdn.getFirst().getType(), k -> new ArrayList<>())
                    .add(((ASN1String) rdn.getFirst().getValue()).getString());
        }
        return found;
    }

    private static Map<ASN1ObjectIdentifier, List<ASN1Encodable>> directoryAttributes(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.subjectDirectoryAttributes.getId());
        assertThat(extension).as("subjectDirectoryAttributes").isNotNull();
        Map<ASN1ObjectIdentifier, List<ASN1Encodable>> found = new HashMap<>();
        for (Object attribute : SubjectDirectoryAttributes.getInstance(
                        ASN1OctetString.getInstance(extension).getOctets())
                .getAttributes()) {
            Attribute a = (Attribute) attribute;
            found.computeIfAbsent(a.getAttrType(), k -> new ArrayList<>()).addAll(List.of(a.getAttributeValues()));
        }
        return found;
    }

    private static List<String> strings(List<ASN1Encodable> values) {
        return values == null
                ? List.of()
                : values.stream().map(v -> ((ASN1String) v).getString()).toList();
    }

    private static List<ASN1ObjectIdentifier> qcStatements(X509Certificate certificate) {
        return statements(certificate).stream().map(QCStatement::getStatementId).toList();
    }

    private static List<ASN1ObjectIdentifier> qcType(X509Certificate certificate) {
        return statements(certificate).stream()
                .filter(s -> s.getStatementId().equals(ETSIQCObjectIdentifiers.id_etsi_qcs_QcType))
                .flatMap(s -> java.util.Arrays.stream(
                        ASN1Sequence.getInstance(s.getStatementInfo()).toArray()))
                .map(ASN1ObjectIdentifier::getInstance)
                .toList();
    }

    private static List<QCStatement> statements(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.qCStatements.getId());
        assertThat(extension).as("qcStatements extension").isNotNull();
        ASN1Sequence sequence =
                ASN1Sequence.getInstance(ASN1OctetString.getInstance(extension).getOctets());
        List<QCStatement> statements = new ArrayList<>();
        for (ASN1Encodable statement : sequence) {
            statements.add(QCStatement.getInstance(statement));
        }
        return statements;
    }
}
