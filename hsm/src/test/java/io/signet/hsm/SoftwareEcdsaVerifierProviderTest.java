package io.signet.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SoftwareEcdsaVerifierProviderTest {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final byte[] DATA = "the signed attributes".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @CsvSource({
        "secp256r1, ECDSA_SHA256",
        "secp256r1, ECDSA_SHA512",
        "secp384r1, ECDSA_SHA384",
        "secp521r1, ECDSA_SHA512",
        "brainpoolP256r1, ECDSA_SHA3_256"
    })
    void acceptsWhatTheJdkSigned(String curve, SignatureAlgorithm algorithm) throws Exception {
        KeyPair key = ec(curve);
        SoftwareEcdsaVerifierProvider provider = SoftwareEcdsaVerifierProvider.of(certificate(key));

        // Many times over one provider: the point tables BouncyCastle keeps on the key must not change the answer.
        for (int i = 0; i < 3; i++) {
            assertThat(verify(provider, algorithm, DATA, sign(key.getPrivate(), algorithm, DATA)))
                    .isTrue();
        }
    }

    @Test
    void refusesOtherDataAnotherKeyAndMalformedValues() throws Exception {
        KeyPair key = ec("secp256r1");
        SoftwareEcdsaVerifierProvider provider = SoftwareEcdsaVerifierProvider.of(certificate(key));
        SignatureAlgorithm algorithm = SignatureAlgorithm.ECDSA_SHA256;
        byte[] good = sign(key.getPrivate(), algorithm, DATA);

        byte[] otherData = "other attributes".getBytes(StandardCharsets.UTF_8);
        assertThat(verify(provider, algorithm, otherData, good)).isFalse();
        assertThat(verify(provider, algorithm, DATA, sign(ec("secp256r1").getPrivate(), algorithm, DATA)))
                .isFalse();
        byte[] flipped = good.clone();
        flipped[flipped.length - 1] ^= 1;
        assertThat(verify(provider, algorithm, DATA, flipped)).isFalse();
        byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
        assertThat(verify(provider, algorithm, DATA, trailing)).isFalse();
        assertThat(verify(provider, algorithm, DATA, new byte[] {0x30, 0x00})).isFalse();
        assertThat(verify(provider, algorithm, DATA, new byte[0])).isFalse();
        // Still good after the refusals.
        assertThat(verify(provider, algorithm, DATA, good)).isTrue();
    }

    @Test
    void refusesRsaKeysAndNonEcdsaAlgorithms() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        assertThatThrownBy(() -> SoftwareEcdsaVerifierProvider.of(certificate(rsa.generateKeyPair())))
                .isInstanceOf(OperatorCreationException.class)
                .hasMessageContaining("not an EC key");

        SoftwareEcdsaVerifierProvider provider = SoftwareEcdsaVerifierProvider.of(certificate(ec("secp256r1")));
        assertThatThrownBy(() -> provider.get(SignatureAlgorithm.RSA_PKCS1_SHA256.algorithmIdentifier()))
                .isInstanceOf(OperatorCreationException.class);
        assertThat(provider.hasAssociatedCertificate()).isTrue();
    }

    private static boolean verify(
            SoftwareEcdsaVerifierProvider provider, SignatureAlgorithm algorithm, byte[] data, byte[] signature)
            throws Exception {
        ContentVerifier verifier = provider.get(new AlgorithmIdentifier(algorithm.oid()));
        try (OutputStream out = verifier.getOutputStream()) {
            // Byte by byte and in one piece, as BouncyCastle's DER encoder writes.
            out.write(data[0]);
            out.write(data, 1, data.length - 1);
        }
        return verifier.verify(signature);
    }

    private static byte[] sign(PrivateKey key, SignatureAlgorithm algorithm, byte[] data) throws Exception {
        Signature signature = Signature.getInstance(algorithm.jcaName(), BC);
        signature.initSign(key);
        signature.update(data);
        return signature.sign();
    }

    private static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    private static X509CertificateHolder certificate(KeyPair key) throws Exception {
        X500Name name = new X500Name("CN=Verifier Test");
        long now = System.currentTimeMillis();
        String algorithm = key.getPublic().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        return new JcaX509v3CertificateBuilder(
                        name, BigInteger.ONE, new Date(now - 60_000), new Date(now + 3_600_000), name, key.getPublic())
                .build(new JcaContentSignerBuilder(algorithm).setProvider(BC).build(key.getPrivate()));
    }
}
