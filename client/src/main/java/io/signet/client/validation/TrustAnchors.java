package io.signet.client.validation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Signet's CA certificates from a URL ({@code http://…/pki/ca.pem}) or a PEM file. Only the self-signed ones (the
 * root) become trust anchors; the issuing CA is an intermediate that must chain to them.
 */
public final class TrustAnchors {

    private TrustAnchors() {}

    /** Every certificate at {@code location}: an http(s) URL or a file path. */
    public static List<X509Certificate> load(String location) {
        byte[] pem;
        try {
            pem = location.startsWith("http://") || location.startsWith("https://")
                    ? Http.get(URI.create(location))
                    : Files.readAllBytes(Path.of(location));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CA certificates from " + location, e);
        }
        return parse(pem, location);
    }

    /** The self-signed certificates among {@code certificates}. */
    public static List<X509Certificate> roots(List<X509Certificate> certificates) {
        return certificates.stream().filter(TrustAnchors::selfSigned).toList();
    }

    static List<X509Certificate> parse(byte[] pem, String location) {
        try {
            List<X509Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem)).stream()
                            .map(X509Certificate.class::cast)
                            .toList();
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("no certificate in " + location);
            }
            return certificates;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not PEM certificates: " + location, e);
        }
    }

    private static boolean selfSigned(X509Certificate certificate) {
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
