package io.signet.hsm;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * A BouncyCastle {@link ContentVerifierProvider} for ECDSA signatures by one EC public key, verified in the token
 * ({@link KeyStoreToken#verifyEcdsa}): the data is hashed in software, the signature checked by the HSM's native
 * code, which is several times cheaper than BouncyCastle's Java point arithmetic where the token is local (SoftHSM2).
 * For a one-off key, such as a certification request's.
 */
public final class HsmEcdsaVerifierProvider implements ContentVerifierProvider {

    private final KeyStoreToken token;
    private final SubjectPublicKeyInfo key;

    public HsmEcdsaVerifierProvider(KeyStoreToken token, SubjectPublicKeyInfo key) {
        this.token = token;
        this.key = key;
    }

    @Override
    public boolean hasAssociatedCertificate() {
        return false;
    }

    @Override
    public X509CertificateHolder getAssociatedCertificate() {
        return null;
    }

    /**
     * A verifier for one signature.
     *
     * @throws OperatorCreationException for an algorithm other than ECDSA with a hash of {@link SignatureAlgorithm}
     */
    @Override
    public ContentVerifier get(AlgorithmIdentifier identifier) throws OperatorCreationException {
        return EcdsaDigestVerifier.of(
                identifier, (algorithm, digest, signature) -> token.verifyEcdsa(key, algorithm, digest, signature));
    }
}
