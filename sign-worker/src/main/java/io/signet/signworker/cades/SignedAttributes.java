package io.signet.signworker.cades;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The signed attributes of a baseline B-B signature (ETSI EN 319 122-1 section 5.2, EN 319 142-1 section 5.3).
 * Both profiles carry content-type = id-data, message-digest and signing-certificate-v2 (ESSCertIDv2 with SHA-256,
 * the default hash, so its AlgorithmIdentifier is omitted, and issuerSerial); CAdES adds signing-time, PAdES must
 * not (the time lives in the PDF signature dictionary's M entry). Stateless and thread-safe.
 */
public final class SignedAttributes {

    /** Which baseline the attributes are for. */
    public enum Profile {
        CADES,
        PADES
    }

    private SignedAttributes() {}

    /**
     * The DER SET OF Attribute, ready to be hashed and embedded unchanged (DER sorts the set, so what is hashed is
     * what a verifier re-encodes).
     *
     * @param messageDigest the relying party's hash of the content, used as the message-digest value as is
     * @param signingTime claimed signing time (CAdES only; ignored for PAdES)
     */
    public static DERSet build(
            Profile profile, byte[] messageDigest, X509CertificateHolder signer, Instant signingTime) {
        ASN1EncodableVector attributes = new ASN1EncodableVector(4);
        attributes.add(attribute(CMSAttributes.contentType, CMSObjectIdentifiers.data));
        if (profile == Profile.CADES) {
            attributes.add(attribute(CMSAttributes.signingTime, new Time(Date.from(signingTime))));
        }
        attributes.add(attribute(CMSAttributes.messageDigest, new DEROctetString(messageDigest)));
        attributes.add(attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2, signingCertificateV2(signer)));
        return new DERSet(attributes);
    }

    private static SigningCertificateV2 signingCertificateV2(X509CertificateHolder signer) {
        IssuerSerial issuerSerial =
                new IssuerSerial(new GeneralNames(new GeneralName(signer.getIssuer())), signer.getSerialNumber());
        // Null hash algorithm = id-sha256, the DEFAULT of ESSCertIDv2, which DER leaves out.
        ESSCertIDv2 certId = new ESSCertIDv2(sha256(encoded(signer)), issuerSerial);
        return new SigningCertificateV2(new ESSCertIDv2[] {certId});
    }

    private static Attribute attribute(ASN1ObjectIdentifier type, ASN1Encodable value) {
        return new Attribute(type, new DERSet(value));
    }

    private static byte[] encoded(X509CertificateHolder certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("certificate cannot be encoded", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
