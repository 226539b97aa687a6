package io.signet.certworker.tsa;

import io.signet.certworker.ca.CaKey;
import io.signet.certworker.ca.DerTimes;
import io.signet.certworker.ca.SerialNumbers;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIFreeText;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAlgorithmProtection;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerIdentifier;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.tsp.Accuracy;
import org.bouncycastle.asn1.tsp.TSTInfo;
import org.bouncycastle.asn1.tsp.TimeStampResp;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TSPValidationException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;

/**
 * RFC 3161 time-stamping authority: one policy, SHA-2 and SHA-3 imprints only (MD5, SHA-1 and anything unknown get
 * badAlg), random unique serials, the nonce and imprint echoed, genTime to the millisecond with its accuracy, the TSA
 * certificate and its issuer included on certReq, and no token at all while the {@link ClockGuard} does not trust the
 * clock (timeNotAvailable).
 *
 * <p>The token (RFC 3161 2.4.2, a SignedData over the TSTInfo, RFC 5652) is assembled from BouncyCastle's ASN.1
 * types, with everything that does not change between tokens made once: BouncyCastle's generators build a new token
 * generator per request (hashing the TSA certificate each time), format the times through a SimpleDateFormat, parse
 * the new token again and re-encode the response, which was most of the cost of answering. The signed attributes are
 * content-type, signing-time, CMS algorithm protection (RFC 6211), message-digest and signing-certificate-v2 (RFC
 * 5816, the certificate's SHA-256). Thread-safe.
 */
public final class TimeStampAuthority {

    static final Set<ASN1ObjectIdentifier> ACCEPTED_ALGORITHMS = Set.of(
            TSPAlgorithms.SHA256,
            TSPAlgorithms.SHA384,
            TSPAlgorithms.SHA512,
            TSPAlgorithms.SHA3_256,
            TSPAlgorithms.SHA3_384,
            TSPAlgorithms.SHA3_512);

    private static final PKIStatusInfo GRANTED =
            new PKIStatusInfo(PKIStatus.granted, new PKIFreeText(new DERUTF8String("Operation Okay")));

    private final CaKey tsaKey;
    private final ASN1ObjectIdentifier policy;
    private final Set<ASN1ObjectIdentifier> policies;
    private final ClockGuard clockGuard;
    private final Clock clock;
    private final Accuracy accuracy;
    private final SignerIdentifier signerId;
    private final AlgorithmIdentifier signatureAlgorithm;
    private final AlgorithmIdentifier digestAlgorithm;
    private final String digestName;
    private final DERSet digestAlgorithms;
    private final Attribute algorithmProtection;
    private final Attribute signingCertificate;
    private final ASN1Set certificates;

    public TimeStampAuthority(
            X509CertificateHolder tsaCertificate,
            X509CertificateHolder issuingCertificate,
            CaKey tsaKey,
            TsaProperties properties,
            ClockGuard clockGuard,
            Clock clock) {
        this.tsaKey = tsaKey;
        this.policy = new ASN1ObjectIdentifier(properties.policyOid());
        this.policies = Set.of(policy);
        this.clockGuard = clockGuard;
        this.clock = clock;
        this.accuracy = accuracy(
                properties.accuracy().toSeconds(), properties.accuracy().toMillis() % 1000);
        this.signerId = new SignerIdentifier(new IssuerAndSerialNumber(tsaCertificate.toASN1Structure()));
        this.signatureAlgorithm = tsaKey.newSigner().getAlgorithmIdentifier();
        this.digestAlgorithm = new DefaultDigestAlgorithmIdentifierFinder().find(signatureAlgorithm);
        this.digestName = tsaKey.type().digestAlgorithm();
        this.digestAlgorithms = new DERSet(digestAlgorithm);
        this.algorithmProtection = attribute(
                CMSAttributes.cmsAlgorithmProtect,
                new CMSAlgorithmProtection(digestAlgorithm, CMSAlgorithmProtection.SIGNATURE, signatureAlgorithm));
        // Null hash algorithm: id-sha256, the DEFAULT of ESSCertIDv2, which DER leaves out.
        this.signingCertificate = attribute(
                PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                new SigningCertificateV2(new ESSCertIDv2(digest("SHA-256", encoded(tsaCertificate)))));
        this.certificates = new DERSet(
                new ASN1Encodable[] {tsaCertificate.toASN1Structure(), issuingCertificate.toASN1Structure()});
    }

    /** The DER TimeStampResp for a DER TimeStampReq; never throws for bad input. */
    public byte[] respond(byte[] queryDer) {
        TimeStampRequest request;
        try {
            request = new TimeStampRequest(queryDer);
        } catch (IOException | RuntimeException e) {
            return fail(PKIFailureInfo.badDataFormat, "request is not a DER TimeStampReq");
        }
        if (!clockGuard.trusted()) {
            return fail(PKIFailureInfo.timeNotAvailable, "the TSA clock is not synchronised");
        }
        try {
            // The extensions are not checked (null): none is acted upon, and none is refused.
            request.validate(ACCEPTED_ALGORITHMS, policies, null);
        } catch (TSPValidationException e) {
            return fail(e.getFailureCode(), e.getMessage());
        } catch (TSPException e) {
            return fail(PKIFailureInfo.badRequest, "request cannot be checked");
        }
        // Read after the guard's verdict, from the same clock: the verdict covers this genTime.
        Instant genTime = Instant.ofEpochMilli(clock.millis());
        return der(new TimeStampResp(GRANTED, token(request, genTime)));
    }

    private ContentInfo token(TimeStampRequest request, Instant genTime) {
        BigInteger nonce = request.getNonce();
        TSTInfo info = new TSTInfo(
                policy,
                request.toASN1Structure().getMessageImprint(),
                new ASN1Integer(SerialNumbers.next()),
                DerTimes.generalizedTimeMillis(genTime),
                accuracy,
                null,
                nonce == null ? null : new ASN1Integer(nonce),
                null,
                null);
        byte[] content = der(info);
        DERSet signedAttributes = new DERSet(new ASN1Encodable[] {
            attribute(CMSAttributes.contentType, PKCSObjectIdentifiers.id_ct_TSTInfo),
            attribute(CMSAttributes.signingTime, DerTimes.validity(genTime)),
            algorithmProtection,
            attribute(CMSAttributes.messageDigest, new DEROctetString(digest(digestName, content))),
            signingCertificate
        });
        SignerInfo signerInfo = new SignerInfo(
                signerId,
                digestAlgorithm,
                signedAttributes,
                signatureAlgorithm,
                new DEROctetString(sign(signedAttributes)),
                null);
        SignedData signedData = new SignedData(
                digestAlgorithms,
                new ContentInfo(PKCSObjectIdentifiers.id_ct_TSTInfo, new DEROctetString(content)),
                request.getCertReq() ? certificates : null,
                null,
                new DERSet(signerInfo));
        return new ContentInfo(CMSObjectIdentifiers.signedData, signedData);
    }

    private byte[] sign(DERSet signedAttributes) {
        ContentSigner signer = tsaKey.newSigner();
        try (OutputStream out = signer.getOutputStream()) {
            signedAttributes.encodeTo(out, ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return signer.getSignature();
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " missing from the JDK", e);
        }
    }

    /** RFC 3161 2.4.2 Accuracy; zero fields are left out, and no accuracy at all when it is zero. */
    private static Accuracy accuracy(long seconds, long millis) {
        if (seconds == 0 && millis == 0) {
            return null;
        }
        return new Accuracy(
                seconds == 0 ? null : new ASN1Integer(seconds), millis == 0 ? null : new ASN1Integer(millis), null);
    }

    private static Attribute attribute(ASN1ObjectIdentifier type, ASN1Encodable value) {
        return new Attribute(type, new DERSet(value));
    }

    private static byte[] encoded(X509CertificateHolder certificate) {
        try {
            return certificate.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] der(ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] fail(int failInfo, String text) {
        try {
            return new TimeStampResponseGenerator(null, ACCEPTED_ALGORITHMS)
                    .generateFailResponse(PKIStatus.REJECTION, failInfo, text)
                    .getEncoded();
        } catch (TSPException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
