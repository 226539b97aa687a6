package io.signet.signworker.testing;

import io.signet.hsm.SignatureAlgorithm;
import java.security.PrivateKey;
import java.security.Signature;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;

/**
 * Signs a precomputed digest in software the way the HSM library does (ECDSA: DER r,s; RSA PKCS#1 v1.5 over a
 * DigestInfo), for tests of the CMS structures without a token.
 */
public final class SoftwareDigestSigner {

    private SoftwareDigestSigner() {}

    public static byte[] sign(PrivateKey key, SignatureAlgorithm algorithm, byte[] digest) {
        try {
            return switch (algorithm.scheme()) {
                case ECDSA -> {
                    Signature signature = Signature.getInstance("NONEwithECDSA");
                    signature.initSign(key);
                    signature.update(digest);
                    yield signature.sign();
                }
                case RSA_PKCS1 -> {
                    Signature signature = Signature.getInstance("NONEwithRSA");
                    signature.initSign(key);
                    signature.update(new DigestInfo(
                                    new AlgorithmIdentifier(algorithm.digest().oid(), DERNull.INSTANCE), digest)
                            .getEncoded());
                    yield signature.sign();
                }
                case RSA_PSS -> throw new UnsupportedOperationException("not used by the sign-worker");
            };
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
