package io.signet.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.UUID;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LongTermKeyIT {

    private static Pkcs11Token token;

    @BeforeAll
    static void open() {
        token = Pkcs11Token.open(SoftHsmTestTokens.config(SoftHsmTestTokens.CA_TOKEN));
    }

    @AfterAll
    static void close() {
        token.close();
    }

    @Test
    void longTermKeyIsATokenObjectFoundAgainByLabelAndDestroyable() {
        String label = uniqueLabel();
        KeyHandle created = token.generateLongTerm(label, KeyAlgorithm.EC_P384);

        KeyHandle found = token.findLongTerm(label).orElseThrow();

        assertThat(created.persistent()).isTrue();
        assertThat(found.id()).isEqualTo(created.id());
        assertThat(found.algorithm()).isEqualTo(KeyAlgorithm.EC_P384);
        assertThat(found.publicKey()).isEqualTo(created.publicKey());
        assertThat(token.listObjects())
                .filteredOn(o -> created.id().equals(o.id()))
                .hasSize(2)
                .allSatisfy(o -> assertThat(o.persistent()).isTrue());
        assertThat(token.privateValueReadable(found)).isFalse();

        token.destroy(found);

        assertThat(token.findLongTerm(label)).isEmpty();
        assertThat(token.listObjects()).noneMatch(o -> created.id().equals(o.id()));
    }

    @Test
    void secondKeyWithTheSameLabelIsRefused() {
        String label = uniqueLabel();
        KeyHandle first = token.generateLongTerm(label, KeyAlgorithm.EC_P256);
        try {
            HsmException e =
                    catchThrowableOfType(HsmException.class, () -> token.generateLongTerm(label, KeyAlgorithm.EC_P256));

            assertThat(e.code()).isEqualTo(HsmErrorCode.INVALID_ARGUMENT);
            assertThat(e).hasMessageContaining("already exists");
        } finally {
            token.destroy(first);
        }
    }

    @Test
    void unknownLabelIsEmpty() {
        assertThat(token.findLongTerm(uniqueLabel())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(
            value = SignatureAlgorithm.class,
            names = {"ECDSA_SHA256", "ECDSA_SHA384", "RSA_PKCS1_SHA256", "RSA_PSS_SHA384"})
    void contentSignerMakesACsrThatBouncyCastleVerifies(SignatureAlgorithm algorithm) throws Exception {
        KeyAlgorithm keyAlgorithm =
                algorithm.keyFamily() == KeyAlgorithm.KeyFamily.EC ? KeyAlgorithm.EC_P256 : KeyAlgorithm.RSA_3072;
        KeyHandle key = token.generateEphemeral(keyAlgorithm);
        try {
            PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(
                            new X500Name("CN=Signet test, O=Signet"), key.publicKey())
                    .build(new HsmContentSigner(token, key, algorithm));

            assertThat(csr.getSignatureAlgorithm()).isEqualTo(algorithm.algorithmIdentifier());
            assertThat(csr.isSignatureValid(new JcaContentVerifierProviderBuilder()
                            .setProvider(new BouncyCastleProvider())
                            .build(key.publicKey())))
                    .isTrue();
        } finally {
            token.destroy(key);
        }
    }

    private static String uniqueLabel() {
        return "it-key-" + UUID.randomUUID();
    }
}
