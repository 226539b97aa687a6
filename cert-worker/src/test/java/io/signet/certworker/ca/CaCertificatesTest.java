package io.signet.certworker.ca;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.junit.jupiter.api.Test;

class CaCertificatesTest {

    private final TestPki pki = TestPki.create();

    @Test
    void hierarchyValidatesWithTheJdkPathValidator() throws Exception {
        X509Certificate root = jca(pki.root());
        for (X509CertificateHolder leaf : List.of(pki.tsa(), pki.ocsp())) {
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
            parameters.setRevocationEnabled(false);
            var path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(jca(leaf), jca(pki.issuing())));
            CertPathValidator.getInstance("PKIX").validate(path, parameters);
        }
    }

    @Test
    void rootIsSelfSignedP384CaAndIssuingIsP256CaWithPathLengthZero() throws Exception {
        X509Certificate root = jca(pki.root());
        root.verify(root.getPublicKey());
        assertThat(root.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
        assertThat(root.getSigAlgName()).isEqualTo("SHA384withECDSA");
        X509Certificate issuing = jca(pki.issuing());
        issuing.verify(root.getPublicKey());
        assertThat(BasicConstraints.fromExtensions(pki.issuing().getExtensions())
                        .getPathLenConstraint())
                .isZero();
        assertThat(issuing.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(issuing.getKeyUsage()[6]).as("cRLSign").isTrue();
    }

    @Test
    void tsaCertificateHasOnlyTimeStampingAsCriticalExtendedKeyUsage() {
        Extension eku = pki.tsa().getExtension(Extension.extendedKeyUsage);
        assertThat(eku.isCritical()).isTrue();
        assertThat(ExtendedKeyUsage.getInstance(eku.getParsedValue()).getUsages())
                .containsExactly(KeyPurposeId.id_kp_timeStamping);
    }

    @Test
    void ocspSignerHasOcspSigningAndNoCheck() {
        assertThat(ExtendedKeyUsage.fromExtensions(pki.ocsp().getExtensions()).getUsages())
                .containsExactly(KeyPurposeId.id_kp_OCSPSigning);
        assertThat(pki.ocsp().getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck))
                .isNotNull();
    }

    @Test
    void serialsArePositiveAndFitTwentyOctets() {
        for (int i = 0; i < 1000; i++) {
            var serial = SerialNumbers.next();
            assertThat(serial.signum()).isPositive();
            assertThat(serial.toByteArray()).hasSizeLessThanOrEqualTo(20);
        }
    }

    static X509Certificate jca(X509CertificateHolder holder) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(holder);
    }
}
