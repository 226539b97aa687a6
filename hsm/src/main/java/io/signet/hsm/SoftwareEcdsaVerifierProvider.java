package io.signet.hsm;

import java.io.IOException;
import java.math.BigInteger;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * A BouncyCastle {@link ContentVerifierProvider} for ECDSA signatures by one certificate's EC key, verified in
 * software with BouncyCastle's ECDSA. For a key that verifies many signatures, such as a TSA's: the key is parsed
 * once, and BouncyCastle keeps its point tables on it, which halves each verification.
 *
 * <p>BouncyCastle's own JCA verifier ({@code JcaContentVerifierProviderBuilder}) verifies every ECDSA signature twice:
 * after the real check it runs a second, "raw" one whose result it ignores, to release sessions of PKCS#11 providers.
 * In software that is a whole second point multiplication for nothing.
 */
public final class SoftwareEcdsaVerifierProvider implements ContentVerifierProvider {

    private final X509CertificateHolder certificate;
    private final ECPublicKeyParameters key;

    private SoftwareEcdsaVerifierProvider(X509CertificateHolder certificate, ECPublicKeyParameters key) {
        this.certificate = certificate;
        this.key = key;
    }

    /**
     * A verifier provider for {@code certificate}'s key.
     *
     * @throws OperatorCreationException when the key is not an EC key or cannot be read
     */
    public static SoftwareEcdsaVerifierProvider of(X509CertificateHolder certificate) throws OperatorCreationException {
        try {
            if (PublicKeyFactory.createKey(certificate.getSubjectPublicKeyInfo()) instanceof ECPublicKeyParameters ec) {
                return new SoftwareEcdsaVerifierProvider(certificate, ec);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new OperatorCreationException("unreadable public key: " + e.getMessage(), e);
        }
        throw new OperatorCreationException("not an EC key");
    }

    @Override
    public boolean hasAssociatedCertificate() {
        return true;
    }

    @Override
    public X509CertificateHolder getAssociatedCertificate() {
        return certificate;
    }

    /**
     * A verifier for one signature.
     *
     * @throws OperatorCreationException for an algorithm other than ECDSA with a hash of {@link SignatureAlgorithm}
     */
    @Override
    public ContentVerifier get(AlgorithmIdentifier identifier) throws OperatorCreationException {
        return EcdsaDigestVerifier.of(identifier, (algorithm, digest, signature) -> verify(digest, signature));
    }

    private boolean verify(byte[] digest, byte[] signature) {
        BigInteger[] rs;
        try {
            // Strict DER, as BouncyCastle's JCA verifier decodes it: no second encoding of one signature.
            rs = StandardDSAEncoding.INSTANCE.decode(key.getParameters().getN(), signature);
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, key);
        return verifier.verifySignature(digest, rs[0], rs[1]);
    }
}
