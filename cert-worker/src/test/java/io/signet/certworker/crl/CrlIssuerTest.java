package io.signet.certworker.crl;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.certworker.ca.TestPki;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;

class CrlIssuerTest {

    @Test
    void crlCarriesNumberAkiNextUpdateAndEntriesWithReasons() throws Exception {
        TestPki pki = TestPki.create();
        Instant now = Instant.parse("2026-05-01T00:00:00Z");
        byte[] der = new CrlIssuer(pki.issuing(), pki.issuingKey())
                .issue(
                        7,
                        now,
                        now.plusSeconds(3600),
                        List.of(
                                new CrlEntry(BigInteger.TWO, now.minusSeconds(5), CRLReason.keyCompromise),
                                new CrlEntry(BigInteger.TEN, now.minusSeconds(3), CRLReason.unspecified)));
        X509CRLHolder crl = new X509CRLHolder(der);
        assertThat(crl.isSignatureValid(new JcaContentVerifierProviderBuilder().build(pki.issuing())))
                .isTrue();
        assertThat(crl.getIssuer()).isEqualTo(pki.issuing().getSubject());
        assertThat(ASN1Integer.getInstance(crl.getExtension(Extension.cRLNumber).getParsedValue())
                        .getValue())
                .isEqualTo(7);
        assertThat(crl.getExtension(Extension.authorityKeyIdentifier)).isNotNull();
        assertThat(crl.getNextUpdate().toInstant()).isEqualTo(now.plusSeconds(3600));
        assertThat(crl.getRevokedCertificate(BigInteger.TWO).getExtension(Extension.reasonCode))
                .isNotNull();
        assertThat(crl.getRevokedCertificate(BigInteger.TEN).getExtension(Extension.reasonCode))
                .isNull();
    }
}
