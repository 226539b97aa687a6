package io.signet.hsm;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Keys made and used in SoftHSM, every signature checked by BouncyCastle's provider (a different implementation). */
class SigningIT {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final SecureRandom RANDOM = new SecureRandom();

    private static Pkcs11Token token;
    private static KeyHandle sharedEc;
    private static KeyHandle sharedRsa;

    @BeforeAll
    static void open() {
        token = Pkcs11Token.open(SoftHsmTestTokens.config(SoftHsmTestTokens.SIGN_TOKEN));
        sharedEc = token.generateEphemeral(KeyAlgorithm.EC_P256);
        sharedRsa = token.generateEphemeral(KeyAlgorithm.RSA_3072);
    }

    @AfterAll
    static void close() {
        token.destroy(sharedEc);
        token.destroy(sharedRsa);
        token.close();
    }

    static Stream<SignatureAlgorithm> defaultSchemes(KeyAlgorithm key) {
        return key.family() == KeyAlgorithm.KeyFamily.EC
                ? Stream.of(
                        SignatureAlgorithm.ECDSA_SHA256,
                        SignatureAlgorithm.ECDSA_SHA384,
                        SignatureAlgorithm.ECDSA_SHA512)
                : Stream.of(
                        SignatureAlgorithm.RSA_PKCS1_SHA256,
                        SignatureAlgorithm.RSA_PKCS1_SHA384,
                        SignatureAlgorithm.RSA_PKCS1_SHA512,
                        SignatureAlgorithm.RSA_PSS_SHA256);
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void ephemeralKeySignsVerifiablyAndIsGoneAfterDestroy(KeyAlgorithm algorithm) throws Exception {
        KeyHandle key = token.generateEphemeral(algorithm);

        assertThat(key.persistent()).isFalse();
        assertThat(key.publicKey().getAlgorithm()).isEqualTo(algorithm.jcaName());
        assertThat(token.publicKey(key)).isEqualTo(key.publicKey());
        assertThat(objectsWithId(key.id()))
                .hasSize(2)
                .allSatisfy(o -> {
                    assertThat(o.persistent()).isFalse();
                    assertThat(o.label()).isEqualTo(KeyStoreToken.EPHEMERAL_LABEL);
                })
                .extracting(TokenObject::objectClass)
                .containsExactlyInAnyOrder("CKO_PRIVATE_KEY", "CKO_PUBLIC_KEY");
        for (SignatureAlgorithm signatureAlgorithm : defaultSchemes(algorithm).toList()) {
            assertSignsVerifiably(key, signatureAlgorithm);
        }

        token.destroy(key);

        assertThat(objectsWithId(key.id())).isEmpty();
        assertThat(token.poolStats().liveEphemeralKeys()).isEqualTo(2); // the two shared keys only
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void everySignatureAlgorithmVerifiesWithBouncyCastle(SignatureAlgorithm algorithm) throws Exception {
        KeyHandle key = algorithm.keyFamily() == KeyAlgorithm.KeyFamily.EC ? sharedEc : sharedRsa;
        assertSignsVerifiably(key, algorithm);
    }

    @ParameterizedTest
    @MethodSource("tamperCases")
    void signatureOverOtherDataDoesNotVerify(SignatureAlgorithm algorithm) throws Exception {
        KeyHandle key = algorithm.keyFamily() == KeyAlgorithm.KeyFamily.EC ? sharedEc : sharedRsa;
        byte[] message = randomMessage();
        byte[] signature = token.sign(key, algorithm, digest(algorithm, message));
        message[0] ^= 1;

        assertThat(verify(key.publicKey(), algorithm, message, signature)).isFalse();
    }

    static Stream<SignatureAlgorithm> tamperCases() {
        return Stream.of(
                SignatureAlgorithm.ECDSA_SHA256,
                SignatureAlgorithm.RSA_PKCS1_SHA256,
                SignatureAlgorithm.RSA_PSS_SHA256);
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void privateKeyValueCannotBeRead(KeyAlgorithm algorithm) {
        KeyHandle key = algorithm == KeyAlgorithm.EC_P256
                ? sharedEc
                : algorithm == KeyAlgorithm.RSA_3072 ? sharedRsa : token.generateEphemeral(algorithm);
        try {
            assertThat(token.privateValueReadable(key)).isFalse();
        } finally {
            if (key != sharedEc && key != sharedRsa) {
                token.destroy(key);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = SignatureAlgorithm.class,
            names = {"ECDSA_SHA256", "RSA_PKCS1_SHA512"})
    void digestOfTheWrongLengthIsRejectedWithoutSigning(SignatureAlgorithm algorithm) {
        KeyHandle key = algorithm.keyFamily() == KeyAlgorithm.KeyFamily.EC ? sharedEc : sharedRsa;

        HsmException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                HsmException.class, () -> token.sign(key, algorithm, new byte[20]));

        assertThat(e.code()).isEqualTo(HsmErrorCode.INVALID_ARGUMENT);
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void contentSignerAndVerifierCoverEverythingWrittenEvenWhenTheStreamIsNotClosed() throws Exception {
        KeyHandle key = token.generateEphemeral(KeyAlgorithm.EC_P256);
        try {
            // More than the streams' buffers, written partly a byte at a time as a DER encoder does, never closed.
            byte[] message = new byte[10_000];
            RANDOM.nextBytes(message);
            HsmContentSigner signer = new HsmContentSigner(token, key, SignatureAlgorithm.ECDSA_SHA256);
            signer.getOutputStream().write(message[0]);
            signer.getOutputStream().write(message, 1, message.length - 2);
            signer.getOutputStream().write(message[message.length - 1]);
            byte[] signature = signer.getSignature();

            assertThat(verify(key.publicKey(), SignatureAlgorithm.ECDSA_SHA256, message, signature))
                    .isTrue();
            var verifier = new HsmEcdsaVerifierProvider(
                            token,
                            org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(
                                    key.publicKey().getEncoded()))
                    .get(SignatureAlgorithm.ECDSA_SHA256.algorithmIdentifier());
            verifier.getOutputStream().write(message, 0, 100);
            verifier.getOutputStream().write(message[100]);
            verifier.getOutputStream().write(message, 101, message.length - 101);
            assertThat(verifier.verify(signature)).isTrue();
            var other = new HsmEcdsaVerifierProvider(
                            token,
                            org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(
                                    key.publicKey().getEncoded()))
                    .get(SignatureAlgorithm.ECDSA_SHA256.algorithmIdentifier());
            other.getOutputStream().write(message, 0, message.length - 1);
            assertThat(other.verify(signature)).as("one byte short").isFalse();
        } finally {
            token.destroy(key);
        }
    }

    private static void assertSignsVerifiably(KeyHandle key, SignatureAlgorithm algorithm) throws Exception {
        byte[] message = randomMessage();
        byte[] signature = token.sign(key, algorithm, digest(algorithm, message));

        assertThat(verify(key.publicKey(), algorithm, message, signature))
                .as("%s signature verifies with BouncyCastle", algorithm)
                .isTrue();
    }

    private static boolean verify(PublicKey publicKey, SignatureAlgorithm algorithm, byte[] message, byte[] signature)
            throws Exception {
        Signature verifier = Signature.getInstance(algorithm.jcaName(), BC);
        verifier.initVerify(publicKey);
        verifier.update(message);
        return verifier.verify(signature);
    }

    private static byte[] digest(SignatureAlgorithm algorithm, byte[] message) throws Exception {
        return MessageDigest.getInstance(algorithm.digest().jcaName()).digest(message);
    }

    private static byte[] randomMessage() {
        byte[] message = new byte[200];
        RANDOM.nextBytes(message);
        return message;
    }

    private static List<TokenObject> objectsWithId(KeyId id) {
        return token.listObjects().stream()
                .filter(o -> o.id() != null && Arrays.equals(o.id().value(), id.value()))
                .toList();
    }
}
