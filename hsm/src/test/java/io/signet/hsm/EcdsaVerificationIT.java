package io.signet.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Signatures made by the JDK (software keys, outside the token) verified in SoftHSM, and forgeries refused. */
class EcdsaVerificationIT {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static Pkcs11Token token;

    @BeforeAll
    static void open() {
        token = Pkcs11Token.open(SoftHsmTestTokens.config(SoftHsmTestTokens.SIGN_TOKEN));
    }

    @AfterAll
    static void close() {
        token.close();
    }

    @ParameterizedTest
    @CsvSource({"secp256r1, ECDSA_SHA256", "secp384r1, ECDSA_SHA384", "secp256r1, ECDSA_SHA512"})
    void acceptsGenuineAndRefusesAlteredSignatures(String curve, SignatureAlgorithm algorithm) throws Exception {
        KeyPair key = keyPair(curve);
        byte[] data = new byte[100];
        RANDOM.nextBytes(data);
        byte[] signature = sign(key, algorithm, data);
        byte[] digest = MessageDigest.getInstance(algorithm.digest().jcaName()).digest(data);
        int objectsBefore = token.listObjects().size();

        assertThat(token.verifyEcdsa(spki(key.getPublic()), algorithm, digest, signature))
                .isTrue();

        byte[] otherDigest = digest.clone();
        otherDigest[0] ^= 1;
        assertThat(token.verifyEcdsa(spki(key.getPublic()), algorithm, otherDigest, signature))
                .isFalse();
        assertThat(token.verifyEcdsa(spki(keyPair(curve).getPublic()), algorithm, digest, signature))
                .as("another key")
                .isFalse();
        ASN1Sequence rs = ASN1Sequence.getInstance(signature);
        byte[] swapped = new DERSequence(
                        new ASN1Integer[] {(ASN1Integer) rs.getObjectAt(1), (ASN1Integer) rs.getObjectAt(0)})
                .getEncoded();
        assertThat(token.verifyEcdsa(spki(key.getPublic()), algorithm, digest, swapped))
                .as("r and s swapped")
                .isFalse();
        byte[] trailing = Arrays.copyOf(signature, signature.length + 1);
        assertThat(token.verifyEcdsa(spki(key.getPublic()), algorithm, digest, trailing))
                .as("a trailing byte")
                .isFalse();
        assertThat(token.verifyEcdsa(spki(key.getPublic()), algorithm, digest, new byte[] {0x30, 0x00}))
                .as("an empty sequence")
                .isFalse();
        byte[] negative = new DERSequence(new ASN1Integer[] {
                    new ASN1Integer(((ASN1Integer) rs.getObjectAt(0)).getValue().negate()),
                    (ASN1Integer) rs.getObjectAt(1)
                })
                .getEncoded();
        assertThat(token.verifyEcdsa(spki(key.getPublic()), algorithm, digest, negative))
                .as("r negated")
                .isFalse();

        assertThat(token.listObjects()).as("no key object left behind").hasSize(objectsBefore);
    }

    @ParameterizedTest
    @CsvSource({"ECDSA_SHA256, 31", "ECDSA_SHA384, 32"})
    void refusesADigestOfTheWrongLength(SignatureAlgorithm algorithm, int length) throws Exception {
        KeyPair key = keyPair("secp256r1");
        assertThatThrownBy(() -> token.verifyEcdsa(spki(key.getPublic()), algorithm, new byte[length], new byte[8]))
                .isInstanceOf(HsmException.class)
                .extracting(e -> ((HsmException) e).code())
                .isEqualTo(HsmErrorCode.INVALID_ARGUMENT);
    }

    @ParameterizedTest
    @CsvSource({"RSA_PKCS1_SHA256"})
    void refusesOtherSchemesAndKeys(SignatureAlgorithm algorithm) throws Exception {
        KeyPair ec = keyPair("secp256r1");
        assertThatThrownBy(() -> token.verifyEcdsa(spki(ec.getPublic()), algorithm, new byte[32], new byte[8]))
                .isInstanceOf(HsmException.class);
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        assertThatThrownBy(() -> token.verifyEcdsa(
                        spki(rsa.generateKeyPair().getPublic()),
                        SignatureAlgorithm.ECDSA_SHA256,
                        new byte[32],
                        new byte[8]))
                .isInstanceOf(HsmException.class);
        KeyPair k1 = keyPair("secp521r1");
        assertThatThrownBy(() -> token.verifyEcdsa(
                        spki(k1.getPublic()), SignatureAlgorithm.ECDSA_SHA256, new byte[32], new byte[8]))
                .isInstanceOf(HsmException.class);
    }

    @org.junit.jupiter.api.Test
    void refusesAPointOffTheCurve() throws Exception {
        KeyPair key = keyPair("secp256r1");
        byte[] data = new byte[10];
        byte[] signature = sign(key, SignatureAlgorithm.ECDSA_SHA256, data);
        SubjectPublicKeyInfo genuine = spki(key.getPublic());
        byte[] point = genuine.getPublicKeyData().getBytes();
        point[point.length - 1] ^= 1; // y no longer matches x
        SubjectPublicKeyInfo offCurve = new SubjectPublicKeyInfo(genuine.getAlgorithm(), point);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(data);
        int objectsBefore = token.listObjects().size();

        boolean valid;
        try {
            valid = token.verifyEcdsa(offCurve, SignatureAlgorithm.ECDSA_SHA256, digest, signature);
        } catch (HsmException e) {
            valid = false;
        }

        assertThat(valid).isFalse();
        assertThat(token.listObjects()).hasSize(objectsBefore);
        assertThat(token.verifyEcdsa(genuine, SignatureAlgorithm.ECDSA_SHA256, digest, signature))
                .as("the token still works")
                .isTrue();
    }

    private static SubjectPublicKeyInfo spki(PublicKey key) {
        return SubjectPublicKeyInfo.getInstance(key.getEncoded());
    }

    private static KeyPair keyPair(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    private static byte[] sign(KeyPair key, SignatureAlgorithm algorithm, byte[] data) throws Exception {
        Signature signer = Signature.getInstance(algorithm.jcaName());
        signer.initSign(key.getPrivate());
        signer.update(data);
        return signer.sign();
    }
}
