package io.signet.client.cli;

import io.signet.client.pdf.PdfFiles;
import io.signet.client.pdf.PdfSigner;
import io.signet.client.sign.ConformanceLevel;
import io.signet.client.sign.HashType;
import io.signet.client.sign.SignRequest;
import io.signet.client.sign.SignResult;
import io.signet.client.sign.SignatureFormat;
import io.signet.client.sign.SignetClient;
import io.signet.client.sign.SignetClientException;
import io.signet.client.validation.SignatureValidator;
import io.signet.client.validation.TrustAnchors;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code signet sign FILE}: digests the document (for PAdES: the byte range of a prepared PDF), has Signet sign it
 * and writes the result next to it: {@code FILE.p7s} (CAdES), {@code FILE.sig} and {@code FILE.sig.pem} (raw),
 * {@code NAME-signed.pdf} (PAdES; at B-LT with a DSS dictionary of certificates, OCSP responses and CRLs).
 */
@Command(name = "sign", description = "Signs a document with Signet.")
final class SignCommand implements Callable<Integer> {

    @ParentCommand
    SignetCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "FILE", description = "the document")
    Path file;

    @Option(
            names = "--format",
            defaultValue = "CAdES",
            converter = FormatConverter.class,
            description =
                    "CAdES (detached .p7s), PAdES (signed PDF) or raw (.sig + .sig.pem); default ${DEFAULT-VALUE}")
    SignatureFormat format;

    @Option(
            names = "--level",
            defaultValue = "B-T",
            converter = LevelConverter.class,
            description = "B-B, B-T or B-LT; default ${DEFAULT-VALUE}")
    ConformanceLevel level;

    @Option(
            names = "--hash",
            defaultValue = "SHA2-256",
            converter = HashConverter.class,
            description = "SHA2-256, SHA2-384, SHA2-512, SHA3-256, SHA3-384 or SHA3-512; default ${DEFAULT-VALUE}")
    HashType hash;

    @Option(names = "--key-algorithm", description = "EC_P256 (Signet's default), EC_P384 or RSA_3072")
    String keyAlgorithm;

    @Option(names = "--out", paramLabel = "F", description = "where to write the signature or signed PDF")
    Path out;

    @Option(
            names = "--display",
            description = "what the signer is shown (default: 'Sign <file name>')",
            paramLabel = "TEXT")
    String display;

    @Option(
            names = "--timeout",
            defaultValue = "120",
            description = "seconds to wait for the signature; default ${DEFAULT-VALUE}")
    long timeoutSeconds;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new CliException(ExitCodes.INPUT, "no such file: " + file);
        }
        ClientSettings settings = ClientSettings.load(root.env, root.workingDir);
        SignetClient client = new SignetClient(settings.connection(connection));
        PrintWriter err = spec.commandLine().getErr();
        String shown = display != null ? display : "Sign " + file.getFileName();
        Path target;
        String signatureId;
        switch (format) {
            case PADES -> {
                if (!PdfFiles.isPdf(file)) {
                    throw new CliException(ExitCodes.INPUT, file + " is not a PDF");
                }
                target = out != null ? out : siblingSigned(file);
                String ca = level == ConformanceLevel.B_LT ? settings.ca(connection) : null;
                String[] id = new String[1];
                // PAdES B-LT is B-T plus the PDF's Document Security Store, which DSS adds below; Signet is asked
                // for B-T so the CMS carries no revocation values of its own (poppler's pdfsig could not parse the CMS
                // of a Signet B-LT signature).
                ConformanceLevel requested = level == ConformanceLevel.B_LT ? ConformanceLevel.B_T : level;
                PdfSigner.sign(file, target, hash, shown, digest -> {
                    SignResult result = signDigest(client, digest, requested, shown, err);
                    id[0] = result.signatureId();
                    return result.signature();
                });
                signatureId = id[0];
                if (ca != null) {
                    err.println("adding validation data (certificates, OCSP, CRL) for B-LT…");
                    err.flush();
                    PdfSigner.extendToLongTerm(
                            target,
                            new SignatureValidator(TrustAnchors.roots(TrustAnchors.load(ca))).certificateVerifier());
                }
            }
            case CADES -> {
                target = out != null ? out : sibling(file, ".p7s");
                SignResult result = signDigest(client, SignetClient.digest(file, hash), level, shown, err);
                signatureId = result.signatureId();
                Files.write(target, result.signature());
            }
            case RAW -> {
                target = out != null ? out : sibling(file, ".sig");
                SignResult result = signDigest(client, SignetClient.digest(file, hash), level, shown, err);
                signatureId = result.signatureId();
                Files.write(target, result.signature());
                Files.writeString(sibling(target, ".pem"), result.certificatePem(), StandardCharsets.US_ASCII);
            }
            default -> throw new IllegalStateException(format.toString());
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("signed " + file + " -> " + target + " (" + format + " " + level + ", signatureId " + signatureId
                + ")");
        stdout.flush();
        return ExitCodes.OK;
    }

    private SignResult signDigest(
            SignetClient client, byte[] digest, ConformanceLevel requested, String shown, PrintWriter err) {
        SignRequest request =
                SignRequest.of(format, hash, digest, shown, requested).withKeyAlgorithm(keyAlgorithm);
        String id = client.submit(request);
        err.println("submitted " + id + " (" + format + " " + requested + "); waiting for the signature…");
        err.flush();
        SignResult result = client.await(id, Duration.ofSeconds(timeoutSeconds));
        if (result.status() != SignResult.Status.OK) {
            throw new SignetClientException(
                    SignetClientException.Kind.FAILED, "signing " + id + " failed: " + result.message());
        }
        return result;
    }

    static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    static Path siblingSigned(Path pdf) {
        String name = pdf.getFileName().toString();
        String base =
                name.toLowerCase(java.util.Locale.ROOT).endsWith(".pdf") ? name.substring(0, name.length() - 4) : name;
        return pdf.resolveSibling(base + "-signed.pdf");
    }

    static final class FormatConverter implements ITypeConverter<SignatureFormat> {
        @Override
        public SignatureFormat convert(String value) {
            try {
                return SignatureFormat.fromApiName(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class LevelConverter implements ITypeConverter<ConformanceLevel> {
        @Override
        public ConformanceLevel convert(String value) {
            try {
                return ConformanceLevel.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class HashConverter implements ITypeConverter<HashType> {
        @Override
        public HashType convert(String value) {
            try {
                return HashType.fromApiName(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
