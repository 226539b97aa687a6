package io.signet.client.cli;

import io.signet.client.sign.HashType;
import io.signet.client.validation.TrustAnchors;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a raw signature with the JDK: the value (ECDSA as r||s, RSA PKCS#1 v1.5) over the document with the
 * certificate's key, and the certificate's path to Signet's root (without revocation: a one-time certificate is
 * checked at the time of use by DSS for the CMS formats, not here).
 */
final class RawSignatureCheck {

    private RawSignatureCheck() {}

    static boolean verify(
            Path document,
            Path signature,
            Path certificatePem,
            HashType hash,
            List<X509Certificate> ca,
            PrintWriter out)
            throws IOException {
        if (!Files.isRegularFile(certificatePem)) {
            throw new CliException(ExitCodes.INPUT, "no such file: " + certificatePem + " (the signer's certificate)");
        }
        List<X509Certificate> chain = TrustAnchors.load(certificatePem.toString());
        X509Certificate signer = chain.getFirst();
        boolean signatureOk;
        try {
            Signature verifier = Signature.getInstance(algorithm(hash, signer));
            verifier.initVerify(signer.getPublicKey());
            try (InputStream in = Files.newInputStream(document)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    verifier.update(buffer, 0, n);
                }
            }
            signatureOk = verifier.verify(Files.readAllBytes(signature));
        } catch (GeneralSecurityException e) {
            signatureOk = false;
        }
        boolean pathOk = chainsToRoot(chain, ca);
        out.println("  signed by:   " + signer.getSubjectX500Principal().getName());
        out.println(
                "  signature:   " + (signatureOk ? "valid" : "INVALID (the document does not match the signature)"));
        out.println("  certificate: " + (pathOk ? "chains to Signet's root" : "does NOT chain to Signet's root"));
        boolean valid = signatureOk && pathOk;
        out.println(document + " with " + signature + ": " + (valid ? "VALID" : "NOT VALID"));
        return valid;
    }

    private static String algorithm(HashType hash, X509Certificate signer) {
        String digest = hash.jcaName().replace("-", "").replace("SHA3", "SHA3-");
        return switch (signer.getPublicKey().getAlgorithm()) {
            case "EC" -> digest + "withECDSAinP1363Format";
            case "RSA" -> digest + "withRSA";
            default ->
                throw new CliException(
                        ExitCodes.INPUT,
                        "unsupported key type " + signer.getPublicKey().getAlgorithm());
        };
    }

    private static boolean chainsToRoot(List<X509Certificate> chain, List<X509Certificate> ca) {
        try {
            Set<TrustAnchor> anchors = TrustAnchors.roots(ca).stream()
                    .map(root -> new TrustAnchor(root, null))
                    .collect(Collectors.toSet());
            List<X509Certificate> known = new ArrayList<>(ca);
            known.addAll(chain);
            X509CertSelector signer = new X509CertSelector();
            signer.setCertificate(chain.getFirst());
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, signer);
            parameters.setRevocationEnabled(false);
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(known)));
            // Building the path from the signer through the issuing CA to a root also validates it.
            CertPathBuilder.getInstance("PKIX").build(parameters);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
