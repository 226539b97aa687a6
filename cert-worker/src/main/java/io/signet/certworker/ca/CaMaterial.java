package io.signet.certworker.ca;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * The CA hierarchy as bootstrapped: keys (in the key store) and certificates of the root, the issuing CA, the TSA
 * and the OCSP signer. Immutable.
 */
public record CaMaterial(
        CaKey rootKey,
        X509CertificateHolder root,
        CaKey issuingKey,
        X509CertificateHolder issuing,
        CaKey tsaKey,
        X509CertificateHolder tsa,
        CaKey ocspKey,
        X509CertificateHolder ocsp) {

    /** Issuing CA then root, PEM: what a relying party adds to its chain. */
    public String chainPem() {
        return pem(List.of(issuing, root));
    }

    public String rootPem() {
        return pem(List.of(root));
    }

    public static String pem(List<X509CertificateHolder> certificates) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (X509CertificateHolder certificate : certificates) {
                writer.writeObject(certificate);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static byte[] der(X509CertificateHolder certificate) {
        try {
            return certificate.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
