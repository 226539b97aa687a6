package io.signet.signworker.cert;

import io.signet.hsm.HsmContentSigner;
import io.signet.hsm.KeyAlgorithm;
import io.signet.hsm.KeyHandle;
import io.signet.hsm.KeyStoreToken;
import io.signet.hsm.SignatureAlgorithm;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;

/**
 * PKCS#10 requests for one-time keys, signed in the HSM (proof of possession). The subject only names the sign
 * request: cert-worker builds the certificate's subject from the signer's claims, which travel beside the CSR.
 */
public final class CertificationRequests {

    private CertificationRequests() {}

    /** The DER CSR for {@code key}. */
    public static byte[] create(KeyStoreToken token, KeyHandle key, String signatureId) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, "Signet one-time key " + signatureId)
                .build();
        PKCS10CertificationRequestBuilder builder = new PKCS10CertificationRequestBuilder(
                subject, SubjectPublicKeyInfo.getInstance(key.publicKey().getEncoded()));
        try {
            return builder.build(new HsmContentSigner(token, key, algorithm(key.algorithm())))
                    .getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException("CSR cannot be encoded", e);
        }
    }

    private static SignatureAlgorithm algorithm(KeyAlgorithm key) {
        return switch (key) {
            case EC_P256 -> SignatureAlgorithm.ECDSA_SHA256;
            case EC_P384 -> SignatureAlgorithm.ECDSA_SHA384;
            case RSA_3072 -> SignatureAlgorithm.RSA_PKCS1_SHA256;
        };
    }
}
