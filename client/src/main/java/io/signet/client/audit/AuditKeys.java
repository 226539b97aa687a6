package io.signet.client.audit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the trust anchors of the offline checks: the audit public key and the TSA certificate. */
public final class AuditKeys {

    private static final Pattern JSON_KEY = Pattern.compile("\"publicKey\"\\s*:\\s*\"([A-Za-z0-9+/=]+)\"");

    private AuditKeys() {}

    /**
     * The EC public key in {@code file}: PEM ({@code -----BEGIN PUBLIC KEY-----}), base64 of the DER
     * SubjectPublicKeyInfo, or the JSON of {@code GET /v1/audit/key} saved by the auditor.
     */
    public static PublicKey publicKey(Path file) {
        String text = read(file).strip();
        Matcher json = JSON_KEY.matcher(text);
        String base64 = json.find()
                ? json.group(1)
                : text.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("EC")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("no EC public key in " + file);
        }
    }

    /** The X.509 certificate in {@code file}, PEM or DER. */
    public static X509Certificate certificate(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("no X.509 certificate in " + file);
        }
    }

    /** PEM of a public key, for saving a pinned key. */
    public static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
