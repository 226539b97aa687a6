package io.signet.certworker.ca;

import io.signet.hsm.HsmEcdsaVerifierProvider;
import io.signet.hsm.KeyStoreToken;
import java.io.IOException;
import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcRSAContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Checks a PKCS#10 certification request before the CA certifies its key: well-formed, self-signature valid (proof
 * of possession of the private key) and the key strong enough (EC P-256/P-384, RSA of 2048 bits or more).
 * Stateless and thread-safe.
 */
public final class CertificationRequests {

    private static final int MIN_RSA_BITS = 2048;
    private static final int MAX_RSA_BITS = 16384;

    /** Why a request was refused; the caller maps each to its status code. */
    public enum Problem {
        MALFORMED,
        BAD_SIGNATURE,
        WEAK_KEY
    }

    /** A request refused for {@link #problem()}; the message names no key material. */
    public static final class RejectedException extends RuntimeException {
        private final Problem problem;

        public RejectedException(Problem problem, String message) {
            super(message);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    private static final DefaultDigestAlgorithmIdentifierFinder DIGESTS = new DefaultDigestAlgorithmIdentifierFinder();

    private final KeyStoreToken token;

    /** @param token where EC self-signatures are verified */
    public CertificationRequests(KeyStoreToken token) {
        this.token = token;
    }

    /** Parses DER, verifies the self-signature and the key strength. */
    public PKCS10CertificationRequest verified(byte[] der) {
        PKCS10CertificationRequest csr = parse(der);
        checkKey(csr.getSubjectPublicKeyInfo());
        try {
            // This check runs for every certificate and was most of the issuing time in a profile. EC: the token's
            // native code (SoftHSM2: OpenSSL) took 140 us where BouncyCastle's Java took 220 us and SunEC's
            // constant-time arithmetic about 440 us. RSA verification is cheap anywhere: BouncyCastle.
            if (!csr.isSignatureValid(verifier(csr.getSubjectPublicKeyInfo()))) {
                throw new RejectedException(Problem.BAD_SIGNATURE, "CSR signature does not verify");
            }
        } catch (OperatorCreationException | PKCSException e) {
            throw new RejectedException(Problem.BAD_SIGNATURE, "CSR signature cannot be verified");
        }
        return csr;
    }

    private ContentVerifierProvider verifier(SubjectPublicKeyInfo key) throws OperatorCreationException {
        AsymmetricKeyParameter parameters;
        try {
            // Also checks that an EC point lies on its curve, before the token sees it.
            parameters = PublicKeyFactory.createKey(key);
        } catch (IOException | RuntimeException e) {
            throw new RejectedException(Problem.MALFORMED, "CSR public key is malformed");
        }
        return PKCSObjectIdentifiers.rsaEncryption.equals(key.getAlgorithm().getAlgorithm())
                ? new BcRSAContentVerifierProviderBuilder(DIGESTS).build(parameters)
                : new HsmEcdsaVerifierProvider(token, key);
    }

    private static PKCS10CertificationRequest parse(byte[] der) {
        if (der == null || der.length == 0) {
            throw new RejectedException(Problem.MALFORMED, "CSR is empty");
        }
        try {
            return new PKCS10CertificationRequest(der);
        } catch (IOException | RuntimeException e) {
            throw new RejectedException(Problem.MALFORMED, "CSR is not a DER PKCS#10 request");
        }
    }

    /** EC on P-256 or P-384, or RSA with 2048 to 16384 bits; anything else is {@link Problem#WEAK_KEY}. */
    public static void checkKey(SubjectPublicKeyInfo key) {
        ASN1ObjectIdentifier algorithm = key.getAlgorithm().getAlgorithm();
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
            Object curve = key.getAlgorithm().getParameters();
            if (!X9ObjectIdentifiers.prime256v1.equals(curve) && !SECObjectIdentifiers.secp384r1.equals(curve)) {
                throw new RejectedException(Problem.WEAK_KEY, "EC keys must be on P-256 or P-384");
            }
            return;
        }
        if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
            int bits;
            try {
                BigInteger modulus =
                        RSAPublicKey.getInstance(key.parsePublicKey()).getModulus();
                bits = modulus.bitLength();
            } catch (IOException | RuntimeException e) {
                throw new RejectedException(Problem.MALFORMED, "RSA public key is malformed");
            }
            if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
                throw new RejectedException(Problem.WEAK_KEY, "RSA keys must have 2048 to 16384 bits, not " + bits);
            }
            return;
        }
        throw new RejectedException(Problem.WEAK_KEY, "key algorithm " + algorithm + " is not accepted");
    }
}
