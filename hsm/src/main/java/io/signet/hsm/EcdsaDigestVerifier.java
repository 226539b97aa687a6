package io.signet.hsm;

import java.io.OutputStream;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * A {@link ContentVerifier} for one ECDSA signature: the data is hashed in software as it is written, and the digest
 * handed to a check, in the HSM ({@link HsmEcdsaVerifierProvider}) or in software ({@link
 * SoftwareEcdsaVerifierProvider}).
 */
final class EcdsaDigestVerifier implements ContentVerifier {

    /** Whether {@code signature} (DER r, s) is valid over {@code digest} made with {@code algorithm}'s hash. */
    @FunctionalInterface
    interface Check {
        boolean verify(SignatureAlgorithm algorithm, byte[] digest, byte[] signature);
    }

    private final AlgorithmIdentifier identifier;
    private final SignatureAlgorithm algorithm;
    private final DigestingStream stream;
    private final Check check;

    private EcdsaDigestVerifier(
            AlgorithmIdentifier identifier, SignatureAlgorithm algorithm, DigestingStream stream, Check check) {
        this.identifier = identifier;
        this.algorithm = algorithm;
        this.stream = stream;
        this.check = check;
    }

    /**
     * A verifier for a signature made with {@code identifier}.
     *
     * @throws OperatorCreationException for an algorithm other than ECDSA with a hash of {@link SignatureAlgorithm}
     */
    static EcdsaDigestVerifier of(AlgorithmIdentifier identifier, Check check) throws OperatorCreationException {
        SignatureAlgorithm algorithm = SignatureAlgorithm.ecdsa(identifier.getAlgorithm())
                .orElseThrow(() -> new OperatorCreationException(
                        "not an ECDSA signature algorithm: " + identifier.getAlgorithm()));
        try {
            return new EcdsaDigestVerifier(identifier, algorithm, DigestingStream.of(algorithm.digest()), check);
        } catch (NoSuchAlgorithmException e) {
            throw new OperatorCreationException("no " + algorithm.digest().jcaName() + " in this JVM", e);
        }
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return identifier;
    }

    @Override
    public OutputStream getOutputStream() {
        return stream;
    }

    @Override
    public boolean verify(byte[] signature) {
        return check.verify(algorithm, stream.digest(), signature);
    }
}
