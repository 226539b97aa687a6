package io.signet.signworker.testing;

import io.signet.hsm.KeyAlgorithm;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * A throw-away PKI made in code for tests: root, issuing CA, TSA and OCSP responder certificates, and end-entity
 * certificates for given public keys. Software keys, so these tests check the CMS structures, not the HSM.
 */
public final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    public final KeyPair rootKey = ec("secp256r1");
    public final X509CertificateHolder root;
    public final KeyPair caKey = ec("secp256r1");
    public final X509CertificateHolder ca;
    public final KeyPair tsaKey;
    public final X509CertificateHolder tsa;
    public final KeyPair ocspKey = ec("secp256r1");
    public final X509CertificateHolder ocsp;

    private final String tsaSignatureAlgorithm;

    /** A PKI whose TSA has an EC P-256 key. */
    public TestPki() {
        this(KeyAlgorithm.EC_P256);
    }

    /** A PKI whose TSA has a key of {@code tsaKeyAlgorithm}. */
    public TestPki(KeyAlgorithm tsaKeyAlgorithm) {
        tsaKey = keyPair(tsaKeyAlgorithm);
        tsaSignatureAlgorithm = switch (tsaKeyAlgorithm) {
            case EC_P256 -> "SHA256withECDSA";
            case EC_P384 -> "SHA384withECDSA";
            case RSA_3072 -> "SHA256withRSA";
        };
        Instant now = Instant.now();
        X500Name rootName = new X500Name("CN=Test Root,O=Signet Test");
        X500Name caName = new X500Name("CN=Test Issuing CA,O=Signet Test");
        root = caCert(rootName, rootName, rootKey.getPublic(), rootKey.getPrivate(), now);
        ca = caCert(caName, rootName, caKey.getPublic(), rootKey.getPrivate(), now);
        tsa = endEntity(
                new X500Name("CN=Test TSA,O=Signet Test"),
                tsaKey.getPublic(),
                Duration.ofDays(30),
                KeyPurposeId.id_kp_timeStamping);
        ocsp = endEntity(
                new X500Name("CN=Test OCSP,O=Signet Test"),
                ocspKey.getPublic(),
                Duration.ofDays(30),
                KeyPurposeId.id_kp_OCSPSigning);
    }

    /** A one-time style certificate for {@code key}, issued by the issuing CA. */
    public X509CertificateHolder signer(PublicKey key, Duration validity) {
        return endEntity(new X500Name("CN=Test Signer,O=Signet Test"), key, validity, null);
    }

    /** An end-entity certificate for {@code key} with {@code subject}, issued by the issuing CA. */
    public X509CertificateHolder signer(X500Name subject, PublicKey key, Duration validity) {
        return endEntity(subject, key, validity, null);
    }

    /** An empty CRL of the issuing CA (covers the TSA, OCSP and signer certificates). */
    public X509CRLHolder caCrl() {
        return crl(ca.getSubject(), caKey.getPrivate());
    }

    /** An empty CRL of the root (covers the issuing CA). */
    public X509CRLHolder rootCrl() {
        return crl(root.getSubject(), rootKey.getPrivate());
    }

    private static X509CRLHolder crl(X500Name issuer, PrivateKey key) {
        try {
            Instant now = Instant.now();
            X509v2CRLBuilder builder = new X509v2CRLBuilder(issuer, Date.from(now.minusSeconds(60)));
            builder.setNextUpdate(Date.from(now.plus(Duration.ofHours(1))));
            return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private X509CertificateHolder endEntity(X500Name subject, PublicKey key, Duration validity, KeyPurposeId purpose) {
        // Second precision as X.509 stores it, so that notAfter - notBefore is exactly the validity.
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    ca.getSubject(),
                    BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(now),
                    Date.from(now.plus(validity)),
                    subject,
                    key);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(
                    Extension.subjectKeyIdentifier,
                    false,
                    new org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils().createSubjectKeyIdentifier(key));
            if (purpose == null) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.nonRepudiation));
            } else {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(purpose));
                if (purpose.equals(KeyPurposeId.id_kp_OCSPSigning)) {
                    // Validators need no revocation data for the responder itself.
                    builder.addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
                }
            }
            return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509CertificateHolder caCert(
            X500Name subject, X500Name issuer, PublicKey key, PrivateKey issuerKey, Instant now) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(365))),
                    subject,
                    key);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(
                    Extension.subjectKeyIdentifier,
                    false,
                    new org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils().createSubjectKeyIdentifier(key));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The test TSA's DER response to a DER request. */
    public byte[] respond(byte[] requestDer) {
        return respond(requestDer, tsaKey.getPrivate());
    }

    /**
     * A DER response to a DER request carrying the TSA's certificate but signed with {@code signingKey}: with any key
     * but the TSA's own, a token whose signature does not verify.
     */
    public byte[] respond(byte[] requestDer, PrivateKey signingKey) {
        try {
            TimeStampRequest request = new TimeStampRequest(requestDer);
            TimeStampResponseGenerator responses =
                    new TimeStampResponseGenerator(tokens(signingKey), TSPAlgorithms.ALLOWED);
            return responses
                    .generate(request, BigInteger.valueOf(SERIAL.incrementAndGet()), new Date())
                    .getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private TimeStampTokenGenerator tokens(PrivateKey signingKey) throws Exception {
        TimeStampTokenGenerator generator = new TimeStampTokenGenerator(
                new JcaSimpleSignerInfoGeneratorBuilder()
                        .build(
                                tsaSignatureAlgorithm,
                                signingKey,
                                new JcaX509CertificateConverter().getCertificate(tsa)),
                digests().get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"));
        generator.addCertificates(
                new JcaCertStore(java.util.List.of(new JcaX509CertificateConverter().getCertificate(tsa))));
        return generator;
    }

    /** An RFC 3161 token from the test TSA over {@code imprint}. */
    public TimeStampToken timestamp(ASN1ObjectIdentifier digestOid, byte[] imprint) {
        try {
            TimeStampTokenGenerator generator = new TimeStampTokenGenerator(
                    new JcaSimpleSignerInfoGeneratorBuilder()
                            .build(
                                    tsaSignatureAlgorithm,
                                    tsaKey.getPrivate(),
                                    new JcaX509CertificateConverter().getCertificate(tsa)),
                    digests().get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                    new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"));
            generator.addCertificates(
                    new JcaCertStore(java.util.List.of(new JcaX509CertificateConverter().getCertificate(tsa))));
            TimeStampRequestGenerator requests = new TimeStampRequestGenerator();
            requests.setCertReq(true);
            return generator.generate(
                    requests.generate(digestOid, imprint), BigInteger.valueOf(SERIAL.incrementAndGet()), new Date());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A "good" OCSP response from the test responder for {@code certificate}, issued by the issuing CA. */
    public OCSPResp ocspGood(X509CertificateHolder certificate) {
        try {
            CertificateID id =
                    new CertificateID(digests().get(CertificateID.HASH_SHA1), ca, certificate.getSerialNumber());
            BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(ocsp.getSubject()));
            builder.addResponse(id, CertificateStatus.GOOD, new Date(), (Date) null);
            BasicOCSPResp basic = builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(ocspKey.getPrivate()),
                    new X509CertificateHolder[] {ocsp},
                    new Date());
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A software key pair of the given type. */
    public static KeyPair keyPair(KeyAlgorithm algorithm) {
        return switch (algorithm) {
            case EC_P256 -> ec("secp256r1");
            case EC_P384 -> ec("secp384r1");
            case RSA_3072 -> rsa(3072);
        };
    }

    private static org.bouncycastle.operator.DigestCalculatorProvider digests() throws Exception {
        return new JcaDigestCalculatorProviderBuilder().build();
    }

    private static KeyPair ec(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
