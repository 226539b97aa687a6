package io.signet.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Independent checks of what Signet returned: a raw value over the RP's hash with the JDK, an RFC 3161 token's
 * message imprint with BouncyCastle and its signature and chain with {@code openssl ts -verify}. Stateless.
 */
final class SignatureChecks {

    /** The DigestInfo OIDs of PKCS#1 v1.5 for each hashType (NIST's, not Signet's table). */
    private static final Map<String, ASN1ObjectIdentifier> DIGEST_OIDS = Map.of(
            "SHA2-256", NISTObjectIdentifiers.id_sha256,
            "SHA2-384", NISTObjectIdentifiers.id_sha384,
            "SHA2-512", NISTObjectIdentifiers.id_sha512,
            "SHA3-256", NISTObjectIdentifiers.id_sha3_256,
            "SHA3-384", NISTObjectIdentifiers.id_sha3_384,
            "SHA3-512", NISTObjectIdentifiers.id_sha3_512);

    private SignatureChecks() {}

    /**
     * A raw value verifies over the hash itself (nothing is hashed again): ECDSA as r||s over the hash, RSA as PKCS#1
     * v1.5, whose decrypted DigestInfo must name the hashType's algorithm and carry the hash.
     */
    static void assertRawSignatureVerifies(byte[] signature, byte[] hash, String hashType, X509Certificate certificate)
            throws Exception {
        if (certificate.getPublicKey() instanceof ECPublicKey) {
            Signature verifier = Signature.getInstance("NONEwithECDSAinP1363Format");
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(hash);
            assertThat(verifier.verify(signature))
                    .as("ECDSA value verifies over the hash")
                    .isTrue();
            return;
        }
        Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        rsa.init(Cipher.DECRYPT_MODE, certificate.getPublicKey());
        DigestInfo info = DigestInfo.getInstance(rsa.doFinal(signature));
        assertThat(info.getAlgorithmId().getAlgorithm())
                .as("DigestInfo algorithm")
                .isEqualTo(DIGEST_OIDS.get(hashType));
        assertThat(info.getDigest()).as("DigestInfo digest is the hash").isEqualTo(hash);
    }

    /** The one SignerInfo's signature value of a CMS SignedData: what its signature time-stamp covers. */
    static byte[] signerInfoSignature(byte[] cms) throws Exception {
        SignerInformation signer =
                new CMSSignedData(cms).getSignerInfos().getSigners().iterator().next();
        return signer.getSignature();
    }

    /** The token's message imprint is the digest of {@code stamped}, with the algorithm the token names. */
    static TimeStampToken assertTimeStampCovers(byte[] token, byte[] stamped) throws Exception {
        TimeStampToken timeStamp = new TimeStampToken(new CMSSignedData(token));
        ASN1ObjectIdentifier algorithm = timeStamp.getTimeStampInfo().getMessageImprintAlgOID();
        DigestCalculator digest =
                new JcaDigestCalculatorProviderBuilder().build().get(new AlgorithmIdentifier(algorithm));
        try (OutputStream out = digest.getOutputStream()) {
            out.write(stamped);
        }
        assertThat(timeStamp.getTimeStampInfo().getMessageImprintDigest())
                .as("time-stamp imprint is the digest of the signature value")
                .isEqualTo(digest.getDigest());
        return timeStamp;
    }

    /**
     * {@code openssl ts -verify}: the token's signature, its imprint over {@code data}, the TSA certificate's
     * timeStamping purpose and its chain to Signet's root ({@code rootPem} trusted, {@code caPem} as intermediates).
     */
    static void assertOpensslVerifies(Path directory, String name, byte[] token, byte[] data, Path rootPem, Path caPem)
            throws Exception {
        Path tokenFile = directory.resolve(name + ".tst");
        Path dataFile = directory.resolve(name + ".stamped");
        Files.write(tokenFile, token);
        Files.write(dataFile, data);
        Process openssl = new ProcessBuilder(
                        "openssl",
                        "ts",
                        "-verify",
                        "-in",
                        tokenFile.toString(),
                        "-token_in",
                        "-data",
                        dataFile.toString(),
                        "-CAfile",
                        rootPem.toString(),
                        "-untrusted",
                        caPem.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).as("openssl ts ended").isTrue();
        assertThat(openssl.exitValue())
                .as("openssl ts -verify: " + output.strip())
                .isZero();
        assertThat(output).as("openssl ts -verify").contains("Verification: OK");
    }
}
