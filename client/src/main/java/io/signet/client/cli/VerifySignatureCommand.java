package io.signet.client.cli;

import eu.europa.esig.dss.model.FileDocument;
import io.signet.client.pdf.PdfFiles;
import io.signet.client.validation.SignatureValidator;
import io.signet.client.validation.TrustAnchors;
import io.signet.client.validation.ValidationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code signet verify FILE [SIG]}: a signed PDF on its own, a document with its detached CMS ({@code FILE.p7s} by
 * default), or a document with its raw signature ({@code FILE.sig} and {@code FILE.sig.pem}). CMS signatures are
 * validated by EU DSS against Signet's root with revocation data from Signet; raw ones by the JDK.
 */
@Command(name = "verify", description = "Verifies a signed PDF, a detached CAdES signature or a raw signature.")
final class VerifySignatureCommand implements Callable<Integer> {

    @ParentCommand
    SignetCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "FILE", description = "the document (or the signed PDF)")
    Path file;

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "SIG",
            description =
                    "the signature: .p7s (CMS) or .sig (raw, certificate in SIG.pem); default FILE.p7s or FILE.sig")
    Path signature;

    @Option(
            names = "--hash",
            defaultValue = "SHA2-256",
            converter = SignCommand.HashConverter.class,
            description = "for raw signatures: the hash type used when signing; default ${DEFAULT-VALUE}")
    io.signet.client.sign.HashType hash;

    @Override
    public Integer call() throws IOException {
        requireFile(file);
        ClientSettings settings = ClientSettings.load(root.env, root.workingDir);
        List<X509Certificate> caCertificates = TrustAnchors.load(settings.ca(connection));
        PrintWriter out = spec.commandLine().getOut();
        boolean valid;
        if (signature == null && PdfFiles.isPdf(file)) {
            valid = verifyPdf(new SignatureValidator(TrustAnchors.roots(caCertificates)), out);
        } else {
            Path sig = signature != null ? signature : defaultSignature();
            requireFile(sig);
            if (sig.getFileName().toString().endsWith(".sig")) {
                valid = RawSignatureCheck.verify(
                        file, sig, SignCommand.sibling(sig, ".pem"), hash, caCertificates, out);
            } else {
                byte[] cms = Files.readAllBytes(sig);
                SignatureValidator.requireCms(cms);
                ValidationReport report = new SignatureValidator(TrustAnchors.roots(caCertificates))
                        .validateCades(cms, new FileDocument(file.toFile()));
                valid = print(file + " with " + sig, report, out);
            }
        }
        out.flush();
        return valid ? ExitCodes.OK : ExitCodes.INVALID;
    }

    private boolean verifyPdf(SignatureValidator validator, PrintWriter out) {
        List<ValidationReport> reports = validator.validatePdf(new FileDocument(file.toFile()));
        if (reports.isEmpty()) {
            throw new CliException(ExitCodes.INPUT, file + " has no signature");
        }
        boolean valid = true;
        for (int i = 0; i < reports.size(); i++) {
            ValidationReport report = reports.get(i);
            out.println(file + ": PDF signature " + (i + 1) + " of " + reports.size() + " (claimed time "
                    + report.claimedSigningTime() + ")");
            valid &= print(file.toString(), report, out);
        }
        return valid;
    }

    private Path defaultSignature() {
        Path cms = SignCommand.sibling(file, ".p7s");
        if (Files.exists(cms)) {
            return cms;
        }
        Path raw = SignCommand.sibling(file, ".sig");
        if (Files.exists(raw)) {
            return raw;
        }
        throw new CliException(
                ExitCodes.INPUT, "no signature found for " + file + ": give SIG, or put " + cms + " next to it");
    }

    private static boolean print(String what, ValidationReport report, PrintWriter out) {
        if (!report.documentIntact()) {
            out.println(what + ": INVALID: the document does not match the signature (it was changed after signing)");
        }
        out.println("  indication:  " + report.indication()
                + (report.subIndication() == null ? "" : " / " + report.subIndication()));
        out.println("  format:      " + report.format());
        out.println("  signed by:   " + report.signedBy());
        out.println("  best signature time: " + report.bestSignatureTime());
        report.errors().forEach(error -> out.println("  error:       " + error));
        out.println(report.passed() ? what + ": VALID" : what + ": NOT VALID");
        return report.passed();
    }

    private static void requireFile(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new CliException(ExitCodes.INPUT, "no such file: " + path);
        }
    }
}
