package io.signet.signworker.cades;

import io.signet.hsm.DigestAlgorithm;
import io.signet.signworker.cades.SignedAttributes.Profile;
import io.signet.signworker.ltv.ValidationData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.OtherRevocationInfoFormat;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerIdentifier;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Builds a detached CMS SignedData (RFC 5652) around a digest the relying party computed: the message-digest
 * attribute is that digest, so the content itself is never needed. CMSSignedDataGenerator wants the content (or a
 * digest provider per call), so the SignerInfo is assembled from BouncyCastle's ASN.1 classes directly, which also
 * keeps the per-signature work to one DER encoding of the attributes and one of the result. Stateless.
 *
 * <p>Two steps, because the signature is made in the HSM in between: {@link #prepare} returns the DER signed
 * attributes and the digest to sign; {@link #assemble} wraps the signature value, the optional signature
 * time-stamp and the validation data into the ContentInfo.
 */
public final class CadesBuilder {

    private CadesBuilder() {}

    /**
     * The signed attributes for {@code profile} and the digest the signer's key must sign.
     *
     * @param digestAlgorithm the algorithm of {@code messageDigest}, also used to hash the signed attributes
     * @param messageDigest the relying party's hash of the content
     * @param signingTime the signing-time attribute (CAdES only)
     */
    public static ToBeSigned prepare(
            Profile profile,
            DigestAlgorithm digestAlgorithm,
            byte[] messageDigest,
            X509CertificateHolder signer,
            Instant signingTime) {
        if (messageDigest.length != digestAlgorithm.length()) {
            throw new IllegalArgumentException("message digest length does not match " + digestAlgorithm);
        }
        DERSet attributes = SignedAttributes.build(profile, messageDigest, signer, signingTime);
        byte[] encoded = der(attributes);
        return new ToBeSigned(profile, digestAlgorithm, attributes, signer, Digests.digest(digestAlgorithm, encoded));
    }

    /**
     * The DER ContentInfo of the SignedData.
     *
     * @param signatureAlgorithm the SignerInfo's signatureAlgorithm (e.g. ecdsa-with-SHA256)
     * @param signatureValue the signature over {@link ToBeSigned#digest()} as CMS encodes it (ECDSA: DER r,s)
     * @param signatureTimeStamp the RFC 3161 token over {@code signatureValue}, or null for B-B
     * @param validationData certificates besides the signer's and, for B-LT, revocation data
     */
    public static byte[] assemble(
            ToBeSigned toBeSigned,
            AlgorithmIdentifier signatureAlgorithm,
            byte[] signatureValue,
            ContentInfo signatureTimeStamp,
            ValidationData validationData) {
        X509CertificateHolder signer = toBeSigned.signer();
        ASN1Set unsigned = signatureTimeStamp == null
                ? null
                : new DERSet(new Attribute(
                        PKCSObjectIdentifiers.id_aa_signatureTimeStampToken, new DERSet(signatureTimeStamp)));
        SignerInfo signerInfo = new SignerInfo(
                new SignerIdentifier(new IssuerAndSerialNumber(signer.toASN1Structure())),
                toBeSigned.digestAlgorithm().algorithmIdentifier(),
                toBeSigned.signedAttributes(),
                signatureAlgorithm,
                new DEROctetString(signatureValue),
                unsigned);
        ValidationData all = ValidationData.certificates(java.util.List.of(signer.toASN1Structure()))
                .plus(validationData);
        SignedData signedData = new SignedData(
                new DERSet(toBeSigned.digestAlgorithm().algorithmIdentifier()),
                new ContentInfo(CMSObjectIdentifiers.data, null), // detached: eContent absent
                certificates(all),
                revocationData(all),
                new DERSet(signerInfo));
        return der(new ContentInfo(CMSObjectIdentifiers.signedData, signedData));
    }

    private static ASN1Set certificates(ValidationData data) {
        ASN1EncodableVector certificates =
                new ASN1EncodableVector(data.certificates().size());
        for (Certificate certificate : data.certificates()) {
            certificates.add(certificate);
        }
        return new DERSet(certificates);
    }

    private static ASN1Set revocationData(ValidationData data) {
        if (data.ocspResponses().isEmpty() && data.crls().isEmpty()) {
            return null;
        }
        ASN1EncodableVector entries = new ASN1EncodableVector();
        for (CertificateList crl : data.crls()) {
            entries.add(crl);
        }
        for (OCSPResponse response : data.ocspResponses()) {
            // RevocationInfoChoice other [1] IMPLICIT; SignedData then becomes version 5, which BouncyCastle's
            // SignedData computes from this tag.
            entries.add(new DERTaggedObject(
                    false, 1, new OtherRevocationInfoFormat(CMSObjectIdentifiers.id_ri_ocsp_response, response)));
        }
        return new DERSet(entries);
    }

    static byte[] der(ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException("DER encoding failed", e);
        }
    }

    /**
     * What the key must sign.
     *
     * @param signedAttributes the DER attributes, embedded unchanged by {@link #assemble}
     * @param digest the hash of the DER attributes with {@code digestAlgorithm}: the input of the HSM's signature
     */
    public record ToBeSigned(
            Profile profile,
            DigestAlgorithm digestAlgorithm,
            DERSet signedAttributes,
            X509CertificateHolder signer,
            byte[] digest) {}
}
