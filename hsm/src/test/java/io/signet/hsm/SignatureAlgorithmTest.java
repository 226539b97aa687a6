package io.signet.hsm;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Signature;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignatureAlgorithmTest {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void algorithmIdentifierMatchesWhatBouncyCastleWouldWrite(SignatureAlgorithm algorithm) {
        AlgorithmIdentifier expected = new DefaultSignatureAlgorithmIdentifierFinder().find(algorithm.jcaName());

        assertThat(algorithm.algorithmIdentifier()).isEqualTo(expected);
        assertThat(algorithm.algorithmIdentifier().getAlgorithm()).isEqualTo(algorithm.oid());
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void identifierMapsBackToTheSameAlgorithm(SignatureAlgorithm algorithm) {
        assertThat(SignatureAlgorithm.fromAlgorithmIdentifier(algorithm.algorithmIdentifier()))
                .contains(algorithm);
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void jcaNameIsKnownToBouncyCastle(SignatureAlgorithm algorithm) throws Exception {
        assertThat(Signature.getInstance(algorithm.jcaName(), BC)).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void schemeFitsItsKeyFamily(SignatureAlgorithm algorithm) {
        assertThat(algorithm.keyFamily())
                .isEqualTo(
                        algorithm.scheme() == SignatureAlgorithm.Scheme.ECDSA
                                ? KeyAlgorithm.KeyFamily.EC
                                : KeyAlgorithm.KeyFamily.RSA);
    }
}
