package io.signet.certworker.ca;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * The certificate profiles of the CA hierarchy: a self-signed root, the issuing CA below it, and the TSA and OCSP
 * signer certificates issued by the issuing CA. Stateless and thread-safe.
 */
public final class CaCertificates {

    /**
     * How far the hierarchy's notBefore lies before its creation. Validators (EU DSS among them) accept revocation
     * data only if it was issued after the certificate's notBefore; the first CRL is issued in the same second as the
     * bootstrap, so without this the TSA certificate would have no acceptable CRL until the next one.
     */
    static final java.time.Duration HIERARCHY_BACKDATE = java.time.Duration.ofMinutes(5);

    private final CaProperties properties;

    public CaCertificates(CaProperties properties) {
        this.properties = properties;
    }

    public X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, properties.country())
                .addRDN(BCStyle.O, properties.organization())
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    public X509CertificateHolder root(CaKey rootKey, Instant now) {
        X500Name subject = name(properties.organization() + " Root CA");
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            subject,
                            SerialNumbers.next(),
                            Date.from(now.minus(HIERARCHY_BACKDATE)),
                            Date.from(now.plus(properties.rootValidity())),
                            subject,
                            rootKey.publicKey())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            utils.createSubjectKeyIdentifier(rootKey.publicKey()));
            return builder.build(rootKey.newSigner());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public X509CertificateHolder issuing(X509CertificateHolder root, CaKey rootKey, PublicKey issuingKey, Instant now) {
        return caSigned(
                root,
                rootKey,
                name(properties.organization() + " Issuing CA 1"),
                issuingKey,
                now,
                properties.issuingValidity(),
                Profile.ISSUING);
    }

    public X509CertificateHolder tsa(X509CertificateHolder issuing, CaKey issuingKey, PublicKey tsaKey, Instant now) {
        return caSigned(
                issuing,
                issuingKey,
                name(properties.organization() + " Time-Stamping Authority"),
                tsaKey,
                now,
                properties.serviceValidity(),
                Profile.TSA);
    }

    public X509CertificateHolder ocspSigner(
            X509CertificateHolder issuing, CaKey issuingKey, PublicKey ocspKey, Instant now) {
        return caSigned(
                issuing,
                issuingKey,
                name(properties.organization() + " OCSP Responder"),
                ocspKey,
                now,
                properties.serviceValidity(),
                Profile.OCSP);
    }

    private static org.bouncycastle.asn1.x509.CRLDistPoint distributionPoint(String url) {
        var name = new org.bouncycastle.asn1.x509.DistributionPointName(
                new org.bouncycastle.asn1.x509.GeneralNames(new org.bouncycastle.asn1.x509.GeneralName(
                        org.bouncycastle.asn1.x509.GeneralName.uniformResourceIdentifier, url)));
        return new org.bouncycastle.asn1.x509.CRLDistPoint(new org.bouncycastle.asn1.x509.DistributionPoint[] {
            new org.bouncycastle.asn1.x509.DistributionPoint(name, null, null)
        });
    }

    private enum Profile {
        ISSUING,
        TSA,
        OCSP
    }

    private X509CertificateHolder caSigned(
            X509CertificateHolder issuer,
            CaKey issuerKey,
            X500Name subject,
            PublicKey subjectKey,
            Instant now,
            java.time.Duration validity,
            Profile profile) {
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            Instant notAfter = now.plus(validity);
            // A subordinate never outlives its issuer (RFC 5280 path validation would fail after that).
            Instant issuerNotAfter = issuer.getNotAfter().toInstant();
            if (notAfter.isAfter(issuerNotAfter)) {
                notAfter = issuerNotAfter;
            }
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            issuer.getSubject(),
                            SerialNumbers.next(),
                            Date.from(now.minus(HIERARCHY_BACKDATE)),
                            Date.from(notAfter),
                            subject,
                            subjectKey)
                    .addExtension(
                            Extension.authorityKeyIdentifier,
                            false,
                            utils.createAuthorityKeyIdentifier(issuerKey.publicKey()))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
            switch (profile) {
                case ISSUING ->
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                            .addExtension(
                                    Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                            // Validators (EU DSS among them) want revocation data for every CA below the anchor.
                            .addExtension(
                                    Extension.cRLDistributionPoints, false, distributionPoint(properties.rootCrlUrl()));
                case TSA ->
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                            .addExtension(
                                    Extension.keyUsage,
                                    true,
                                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
                            // RFC 3161 2.3: exactly one key purpose, id-kp-timeStamping, and the extension critical.
                            .addExtension(
                                    Extension.extendedKeyUsage,
                                    true,
                                    new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping))
                            // OCSP first: a validator that fetched the issuing CA's CRL for the TSA would reuse it
                            // for the one-time signer certificate, which is always newer than that CRL.
                            .addExtension(
                                    Extension.authorityInfoAccess,
                                    false,
                                    new org.bouncycastle.asn1.x509.AuthorityInformationAccess(
                                            new org.bouncycastle.asn1.x509.AccessDescription(
                                                    org.bouncycastle.asn1.x509.AccessDescription.id_ad_ocsp,
                                                    new org.bouncycastle.asn1.x509.GeneralName(
                                                            org.bouncycastle.asn1.x509.GeneralName
                                                                    .uniformResourceIdentifier,
                                                            properties.ocspUrl()))))
                            .addExtension(
                                    Extension.cRLDistributionPoints, false, distributionPoint(properties.crlUrl()));
                case OCSP ->
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                            .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                            .addExtension(
                                    Extension.extendedKeyUsage,
                                    false,
                                    new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning))
                            // RFC 6960 4.2.2.2.1: clients need not check the responder's own status.
                            .addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
            }
            return builder.build(issuerKey.newSigner());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
