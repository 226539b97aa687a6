package io.signet.certworker.ca;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** CSRs made with in-memory JCA keys for tests. */
public final class TestCsrs {

    private TestCsrs() {}

    public static KeyPair ec(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] csr(KeyPair pair, String subject) {
        return csr(pair, pair, subject);
    }

    /** A CSR for {@code subjectKey} signed with {@code signingKey} (different keys: no proof of possession). */
    public static byte[] csr(KeyPair subjectKey, KeyPair signingKey, String subject) {
        try {
            String algorithm =
                    signingKey.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), subjectKey.getPublic())
                    .build(new JcaContentSignerBuilder(algorithm).build(signingKey.getPrivate()))
                    .getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
