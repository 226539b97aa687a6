package io.signet.signworker.cades;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.hsm.KeyAlgorithm;
import io.signet.schemas.ConformanceLevel;
import io.signet.schemas.HashType;
import io.signet.schemas.SignatureFormat;
import io.signet.signworker.cades.CadesBuilder.ToBeSigned;
import io.signet.signworker.cades.SignedAttributes.Profile;
import io.signet.signworker.keys.SignatureSuite;
import io.signet.signworker.ltv.ValidationData;
import io.signet.signworker.pades.PadesBuilder;
import io.signet.signworker.raw.RawSignature;
import io.signet.signworker.testing.SoftwareDigestSigner;
import io.signet.signworker.testing.TestPki;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.OtherRevocationInfoFormat;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every key algorithm x SHA-2/SHA-3 hash type x CMS format x level, built with software keys, software TSA and
 * OCSP, and verified with BouncyCastle's CMS verifier (a different code path than the hand-built SignerInfo).
 */
class CmsBuilderTest {

    private static final TestPki PKI = new TestPki();
    private static final Map<KeyAlgorithm, KeyPair> KEYS = new EnumMap<>(KeyAlgorithm.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<HashType> CMS_HASHES =
            Arrays.stream(HashType.values()).filter(h -> h != HashType.BLAKE2B).toList();

    static Stream<Arguments> cmsCombinations() {
        List<Arguments> all = new ArrayList<>();
        for (KeyAlgorithm key : KeyAlgorithm.values()) {
            for (HashType hash : CMS_HASHES) {
                for (SignatureFormat format : List.of(SignatureFormat.CADES, SignatureFormat.PADES)) {
                    for (ConformanceLevel level : ConformanceLevel.values()) {
                        all.add(Arguments.of(key, hash, format, level));
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("cmsCombinations")
    void detachedSignatureOverTheRelyingPartysHashVerifiesWithBouncyCastle(
            KeyAlgorithm keyAlgorithm, HashType hashType, SignatureFormat format, ConformanceLevel level)
            throws Exception {
        KeyPair key = key(keyAlgorithm);
        SignatureSuite suite = SignatureSuite.of(
                        io.signet.schemas.KeyAlgorithm.valueOf(keyAlgorithm.name()), hashType, format)
                .orElseThrow();
        X509CertificateHolder signer = PKI.signer(key.getPublic(), Duration.ofSeconds(60));
        byte[] content = randomBytes(1000);
        byte[] hash = MessageDigest.getInstance(hashType.jcaName()).digest(content);
        Instant signingTime = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        ToBeSigned tbs = format == SignatureFormat.CADES
                ? CadesBuilder.prepare(Profile.CADES, suite.digestAlgorithm(), hash, signer, signingTime)
                : PadesBuilder.prepare(suite.digestAlgorithm(), hash, signer);
        byte[] value = SoftwareDigestSigner.sign(key.getPrivate(), suite.signatureAlgorithm(), tbs.digest());
        ContentInfo tst = level == ConformanceLevel.ADES_B_B
                ? null
                : PKI.timestamp(suite.digestAlgorithm().oid(), Digests.digest(suite.digestAlgorithm(), value))
                        .toCMSSignedData()
                        .toASN1Structure();
        ValidationData data = ValidationData.certificates(List.of(PKI.ca.toASN1Structure()));
        if (level == ConformanceLevel.ADES_B_LT) {
            data = new ValidationData(
                    List.of(PKI.ca.toASN1Structure(), PKI.root.toASN1Structure(), PKI.tsa.toASN1Structure()),
                    List.of(PKI.ocspGood(signer).toASN1Structure()),
                    List.of());
        }
        byte[] cms = CadesBuilder.assemble(tbs, suite.signatureAlgorithm().algorithmIdentifier(), value, tst, data);
        assertThat(ASN1Primitive.fromByteArray(cms).getEncoded(ASN1Encoding.DER))
                .as("DER, as PAdES requires (ISO 32000-1 12.8.3.3.1)")
                .isEqualTo(cms);

        CMSSignedData parsed = new CMSSignedData(new CMSProcessableByteArray(content), cms);
        SignerInformation info = parsed.getSignerInfos().getSigners().iterator().next();
        assertThat(info.verify(new JcaSimpleSignerInfoVerifierBuilder()
                        .setProvider(new BouncyCastleProvider())
                        .build(signer)))
                .isTrue();
        assertThat(info.getDigestAlgOID())
                .isEqualTo(suite.digestAlgorithm().oid().getId());
        assertThat(parsed.isDetachedSignature()).isTrue();
        assertThat(parsed.getSignedContentTypeOID()).isEqualTo(CMSObjectIdentifiers.data.getId());

        AttributeTable signed = info.getSignedAttributes();
        assertThat(ASN1OctetString.getInstance(signed.get(CMSAttributes.messageDigest)
                                .getAttrValues()
                                .getObjectAt(0))
                        .getOctets())
                .isEqualTo(hash);
        assertThat(signed.get(CMSAttributes.contentType).getAttrValues().getObjectAt(0))
                .isEqualTo(CMSObjectIdentifiers.data);
        SigningCertificateV2 signingCertificate =
                SigningCertificateV2.getInstance(signed.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2)
                        .getAttrValues()
                        .getObjectAt(0));
        assertThat(signingCertificate.getCerts()[0].getCertHash())
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(signer.getEncoded()));
        assertThat(signed.get(CMSAttributes.signingTime) != null).isEqualTo(format == SignatureFormat.CADES);

        Attribute tsAttribute = info.getUnsignedAttributes() == null
                ? null
                : info.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
        assertThat(tsAttribute != null).isEqualTo(level != ConformanceLevel.ADES_B_B);
        if (tsAttribute != null) {
            TimeStampToken token = new TimeStampToken(
                    ContentInfo.getInstance(tsAttribute.getAttrValues().getObjectAt(0)));
            byte[] expectedImprint =
                    MessageDigest.getInstance(suite.digestAlgorithm().jcaName()).digest(info.getSignature());
            assertThat(token.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(expectedImprint);
        }

        SignedData signedData =
                SignedData.getInstance(ContentInfo.getInstance(cms).getContent());
        int certificates = signedData.getCertificates().size();
        if (level == ConformanceLevel.ADES_B_LT) {
            assertThat(certificates).isEqualTo(4);
            assertThat(signedData.getVersion().intValueExact()).isEqualTo(5);
            ASN1TaggedObject other =
                    ASN1TaggedObject.getInstance(signedData.getCRLs().getObjectAt(0));
            assertThat(OtherRevocationInfoFormat.getInstance(other, false).getInfoFormat())
                    .isEqualTo(CMSObjectIdentifiers.id_ri_ocsp_response);
        } else {
            assertThat(certificates).isEqualTo(2);
            assertThat(signedData.getVersion().intValueExact()).isEqualTo(1);
            assertThat(signedData.getCRLs()).isNull();
        }
    }

    @Test
    void blake2bIsOfferedForRawWithEcKeysOnly() {
        for (SignatureFormat format : SignatureFormat.values()) {
            for (io.signet.schemas.KeyAlgorithm key : io.signet.schemas.KeyAlgorithm.values()) {
                boolean expected = format == SignatureFormat.RAW && key != io.signet.schemas.KeyAlgorithm.RSA_3072;
                assertThat(SignatureSuite.of(key, HashType.BLAKE2B, format).isPresent())
                        .as("%s %s", key, format)
                        .isEqualTo(expected);
            }
        }
    }

    static Stream<Arguments> rawCombinations() {
        List<Arguments> all = new ArrayList<>();
        for (KeyAlgorithm key : KeyAlgorithm.values()) {
            for (HashType hash : HashType.values()) {
                if (hash != HashType.BLAKE2B || key != KeyAlgorithm.RSA_3072) {
                    all.add(Arguments.of(key, hash));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("rawCombinations")
    void rawSignatureVerifiesWithTheJdkOverTheContent(KeyAlgorithm keyAlgorithm, HashType hashType) throws Exception {
        KeyPair key = key(keyAlgorithm);
        SignatureSuite suite = SignatureSuite.of(
                        io.signet.schemas.KeyAlgorithm.valueOf(keyAlgorithm.name()), hashType, SignatureFormat.RAW)
                .orElseThrow();
        byte[] content = randomBytes(300);
        BouncyCastleProvider bc = new BouncyCastleProvider();
        byte[] hash = MessageDigest.getInstance(hashType.jcaName(), bc).digest(content);

        byte[] raw = RawSignature.of(
                keyAlgorithm, SoftwareDigestSigner.sign(key.getPrivate(), suite.signatureAlgorithm(), hash));

        Signature verifier;
        if (keyAlgorithm == KeyAlgorithm.RSA_3072) {
            verifier = Signature.getInstance(suite.signatureAlgorithm().jcaName(), bc);
            verifier.initVerify(key.getPublic());
            verifier.update(content);
        } else {
            // Over the hash itself, so BLAKE2b (which has no JCA ECDSA name) is checked the same way.
            assertThat(raw).hasSize(2 * ((keyAlgorithm.bits() + 7) / 8));
            verifier = Signature.getInstance("NONEwithECDSAinP1363Format");
            verifier.initVerify(key.getPublic());
            verifier.update(hash);
        }
        assertThat(verifier.verify(raw)).isTrue();
    }

    private static synchronized KeyPair key(KeyAlgorithm algorithm) {
        return KEYS.computeIfAbsent(algorithm, TestPki::keyPair);
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
