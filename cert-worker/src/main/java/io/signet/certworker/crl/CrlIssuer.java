package io.signet.certworker.crl;

import io.signet.certworker.ca.CaKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Date;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;

/**
 * Builds complete RFC 5280 CRLs (v2, CRL number, authority key identifier, nextUpdate, reason codes) signed by the
 * issuing CA. Stateless and thread-safe.
 */
public final class CrlIssuer {

    private final X509CertificateHolder issuer;
    private final CaKey issuerKey;

    public CrlIssuer(X509CertificateHolder issuer, CaKey issuerKey) {
        this.issuer = issuer;
        this.issuerKey = issuerKey;
    }

    public byte[] issue(long number, Instant thisUpdate, Instant nextUpdate, Collection<CrlEntry> entries) {
        try {
            X509v2CRLBuilder builder =
                    new X509v2CRLBuilder(issuer.getSubject(), Date.from(thisUpdate.truncatedTo(ChronoUnit.SECONDS)));
            builder.setNextUpdate(Date.from(nextUpdate.truncatedTo(ChronoUnit.SECONDS)));
            for (CrlEntry entry : entries) {
                // RFC 5280 5.3.1: omit reasonCode rather than write "unspecified".
                if (entry.reason() == CRLReason.unspecified) {
                    builder.addCRLEntry(entry.serial(), Date.from(entry.revokedAt()), null);
                } else {
                    builder.addCRLEntry(entry.serial(), Date.from(entry.revokedAt()), entry.reason());
                }
            }
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)));
            builder.addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    new BcX509ExtensionUtils().createAuthorityKeyIdentifier(issuer.getSubjectPublicKeyInfo()));
            return builder.build(issuerKey.newSigner()).getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
