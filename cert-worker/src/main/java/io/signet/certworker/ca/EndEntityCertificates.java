package io.signet.certworker.ca;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectDirectoryAttributes;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.qualified.ETSIQCObjectIdentifiers;
import org.bouncycastle.asn1.x509.qualified.QCStatement;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;

/**
 * Issues end-entity signing certificates under the issuing CA: subject from the identity claims, ETSI EN 319 412-5
 * QC statements, nonRepudiation key usage, certificate policies, AIA and CRL distribution point.
 *
 * <p>The extensions every certificate shares are encoded once. Thread-safe: each call gets its own signer.
 */
public final class EndEntityCertificates {

    private final X509CertificateHolder issuer;
    private final CaKey issuerKey;
    private final Extension authorityKeyId;
    private final Extension authorityInfoAccess;
    private final Extension crlDistributionPoints;
    private final Extension certificatePolicies;
    private final Extension qcStatementsWithSscd;
    private final Extension qcStatementsWithoutSscd;
    private final Extension keyUsage;
    private final Extension basicConstraints;

    public EndEntityCertificates(CaProperties properties, X509CertificateHolder issuer, CaKey issuerKey) {
        this.issuer = issuer;
        this.issuerKey = issuerKey;
        try {
            BcX509ExtensionUtils utils = new BcX509ExtensionUtils();
            authorityKeyId = new Extension(
                    Extension.authorityKeyIdentifier,
                    false,
                    utils.createAuthorityKeyIdentifier(issuer.getSubjectPublicKeyInfo())
                            .getEncoded());
            authorityInfoAccess = new Extension(
                    Extension.authorityInfoAccess,
                    false,
                    new AuthorityInformationAccess(new AccessDescription[] {
                                new AccessDescription(
                                        AccessDescription.id_ad_caIssuers, uri(properties.caIssuersUrl())),
                                new AccessDescription(AccessDescription.id_ad_ocsp, uri(properties.ocspUrl()))
                            })
                            .getEncoded());
            DistributionPointName crlName = new DistributionPointName(new GeneralNames(uri(properties.crlUrl())));
            crlDistributionPoints = new Extension(
                    Extension.cRLDistributionPoints,
                    false,
                    new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(crlName, null, null)})
                            .getEncoded());
            certificatePolicies = new Extension(
                    Extension.certificatePolicies,
                    false,
                    new CertificatePolicies(properties.policyOids().stream()
                                    .map(oid -> new PolicyInformation(new ASN1ObjectIdentifier(oid)))
                                    .toArray(PolicyInformation[]::new))
                            .getEncoded());
            qcStatementsWithSscd = new Extension(
                    Extension.qCStatements, false, qcStatements(true).getEncoded());
            qcStatementsWithoutSscd = new Extension(
                    Extension.qCStatements, false, qcStatements(false).getEncoded());
            // ETSI EN 319 412-2 4.3.2: a certificate for electronic signatures asserts non-repudiation.
            keyUsage = new Extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.nonRepudiation).getEncoded());
            basicConstraints =
                    new Extension(Extension.basicConstraints, true, new BasicConstraints(false).getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Issues a certificate for this public key, valid from {@code now} truncated to the second (X.509 encodes
     * seconds) for {@code validity}.
     *
     * @param sscd whether the private key lives in a qualified signature creation device (adds QcSSCD)
     */
    public IssuedCertificate issue(
            SubjectClaims claims, SubjectPublicKeyInfo publicKey, Instant now, Duration validity, boolean sscd) {
        Instant notBefore = now.truncatedTo(ChronoUnit.SECONDS);
        // Both as the certificate encodes them (whole seconds), so what is stored and replied matches the DER.
        Instant notAfter = notBefore.plus(validity).truncatedTo(ChronoUnit.SECONDS);
        BigInteger serial = SerialNumbers.next();
        try {
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
                            issuer.getSubject(),
                            serial,
                            DerTimes.validity(notBefore),
                            DerTimes.validity(notAfter),
                            SubjectNames.subject(claims),
                            publicKey)
                    .addExtension(basicConstraints)
                    .addExtension(keyUsage)
                    .addExtension(authorityKeyId)
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            new SubjectKeyIdentifier(
                                    sha1(publicKey.getPublicKeyData().getBytes())))
                    .addExtension(certificatePolicies)
                    .addExtension(authorityInfoAccess)
                    .addExtension(crlDistributionPoints)
                    .addExtension(sscd ? qcStatementsWithSscd : qcStatementsWithoutSscd);
            SubjectDirectoryAttributes directory = SubjectNames.directoryAttributes(claims);
            if (directory != null) {
                builder.addExtension(Extension.subjectDirectoryAttributes, false, directory);
            }
            byte[] der = builder.build(issuerKey.newSigner()).getEncoded();
            return new IssuedCertificate(certificateId(der), serial, der, notBefore, notAfter);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The GovStack certificateId of a DER certificate: lower-case hex SHA-256. */
    public static String certificateId(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha1(byte[] data) {
        try {
            // RFC 5280 4.2.1.2 method (1): SHA-1 of the subjectPublicKey bits, an identifier, not a security hash.
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DERSequence qcStatements(boolean sscd) {
        ASN1EncodableVector statements = new ASN1EncodableVector();
        statements.add(new QCStatement(ETSIQCObjectIdentifiers.id_etsi_qcs_QcCompliance));
        if (sscd) {
            statements.add(new QCStatement(ETSIQCObjectIdentifiers.id_etsi_qcs_QcSSCD));
        }
        statements.add(new QCStatement(
                ETSIQCObjectIdentifiers.id_etsi_qcs_QcType,
                new DERSequence(ETSIQCObjectIdentifiers.id_etsi_qct_esign)));
        return new DERSequence(statements);
    }

    private static GeneralName uri(String url) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, url);
    }
}
