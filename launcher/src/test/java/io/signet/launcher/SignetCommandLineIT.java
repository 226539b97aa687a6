package io.signet.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.client.cli.ExitCodes;
import io.signet.client.cli.SignetCommand;
import io.signet.embedded.Ports;
import io.signet.gateway.dev.DevCredentials;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code signet} command line, in-process through picocli, against one embedded stack: documents signed in each
 * format and level validate with DSS at the claimed level, with {@code openssl cms} (CAdES) and {@code pdfsig}
 * (PAdES); a changed document fails; wrong inputs get one line and the documented exit code.
 */
class SignetCommandLineIT {

    // Kept when a test fails: the stack's logs are in <data>/logs.
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dataDir;

    // Kept when a test fails too: the documents and signatures.
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path work;

    private static RunningSignet signet;
    private static Map<String, String> env;
    private static Path rootPem;

    @BeforeAll
    static void startStackAndWriteClientSettings() throws Exception {
        // With the defaults: a PDF's claimed signing time precedes its one-time certificate's issuance by the
        // request's latency, which cert-worker's default backdate (10 s) covers.
        signet = SignetLauncher.start(LauncherTestSupport.options(dataDir));
        RunningService gateway = signet.service(SignetService.GATEWAY).orElseThrow();
        StartupReport.writeClientProperties(signet, gateway, DevCredentials.prepare(dataDir.resolve("dev")));
        env = Map.of("SIGNET_HOME", dataDir.toString());
        URI ca = signet.service(SignetService.CERT_WORKER).orElseThrow().url();
        rootPem = work.resolve("root.pem");
        Files.write(
                rootPem,
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(ca.resolve("/pki/root.pem"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofByteArray())
                        .body());
    }

    @AfterAll
    static void stop() {
        if (signet != null) {
            signet.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"B-B", "B-T", "B-LT"})
    void detachedCadesValidatesWithDssAtTheClaimedLevelAndWithOpenssl(String level) throws Exception {
        Path document = text("contract-cades-" + level + ".txt");

        Run sign = signet("sign", document.toString(), "--format", "CAdES", "--level", level);
        assertThat(sign.exit()).as(sign.err()).isZero();
        Path p7s = document.resolveSibling(document.getFileName() + ".p7s");
        assertThat(p7s).exists();

        Run verify = signet("verify", document.toString());
        assertThat(verify.exit()).as(verify.out() + verify.err()).isEqualTo(ExitCodes.OK);
        assertThat(verify.out()).contains("TOTAL_PASSED").contains("CAdES-BASELINE-" + level.substring(2));

        Process openssl = new ProcessBuilder(
                        "openssl",
                        "cms",
                        "-verify",
                        "-binary",
                        "-inform",
                        "DER",
                        "-in",
                        p7s.toString(),
                        "-content",
                        document.toString(),
                        "-CAfile",
                        rootPem.toString(),
                        "-purpose",
                        "any",
                        "-out",
                        "/dev/null")
                .redirectErrorStream(true)
                .start();
        String opensslOutput = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as(opensslOutput).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"B-B", "B-T", "B-LT"})
    void signedPdfValidatesWithDssAtTheClaimedLevelAndWithPdfsig(String level) throws Exception {
        Path pdf = pdf("contract-" + level + ".pdf");

        Run sign = signet("sign", pdf.toString(), "--format", "PAdES", "--level", level);
        assertThat(sign.exit()).as(sign.err()).isZero();
        Path signed = work.resolve("contract-" + level + "-signed.pdf");
        assertThat(signed).exists();

        Run verify = signet("verify", signed.toString());
        assertThat(verify.exit()).as(verify.out() + verify.err()).isEqualTo(ExitCodes.OK);
        assertThat(verify.out()).contains("TOTAL_PASSED").contains("PAdES-BASELINE-" + level.substring(2));

        Process pdfsig = new ProcessBuilder("pdfsig", "-nocert", signed.toString())
                .redirectErrorStream(true)
                .start();
        String pdfsigOutput = new String(pdfsig.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(pdfsig.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(pdfsigOutput).contains("Signature Validation: Signature is Valid.");
        // At B-LT the Document Security Store follows the signed revision in an incremental update.
        assertThat(pdfsigOutput).contains(level.equals("B-LT") ? "Not total document signed" : "Total document signed");
    }

    @Test
    void rawSignatureVerifiesWithTheJdk() throws Exception {
        Path document = text("contract-raw.txt");
        Run sign = signet("sign", document.toString(), "--format", "raw", "--level", "B-B");
        assertThat(sign.exit()).as(sign.err()).isZero();
        assertThat(work.resolve("contract-raw.txt.sig")).exists();
        assertThat(work.resolve("contract-raw.txt.sig.pem")).exists();

        Run verify = signet("verify", document.toString());
        assertThat(verify.exit()).as(verify.out() + verify.err()).isEqualTo(ExitCodes.OK);

        flipOneByte(document, 3);
        Run changed = signet("verify", document.toString());
        assertThat(changed.exit()).as(changed.out() + changed.err()).isEqualTo(ExitCodes.INVALID);
        assertThat(changed.out()).contains("the document does not match the signature");
    }

    @Test
    void documentsChangedByOneByteAfterSigningFailWithAMessageThatSaysSo() throws Exception {
        Path document = text("changed.txt");
        assertThat(signet("sign", document.toString(), "--level", "B-B").exit()).isZero();
        flipOneByte(document, 5);
        Run cades = signet("verify", document.toString());
        assertThat(cades.exit()).as(cades.out() + cades.err()).isEqualTo(ExitCodes.INVALID);
        assertThat(cades.out()).contains("the document does not match the signature (it was changed after signing)");

        Path pdf = pdf("changed.pdf");
        assertThat(signet("sign", pdf.toString(), "--format", "PAdES", "--level", "B-B")
                        .exit())
                .isZero();
        Path signed = work.resolve("changed-signed.pdf");
        flipOneByte(signed, 200); // inside the signed byte range (the first range starts at 0)
        Run pades = signet("verify", signed.toString());
        assertThat(pades.exit()).as(pades.out() + pades.err()).isEqualTo(ExitCodes.INVALID);
        assertThat(pades.out()).contains("the document does not match the signature (it was changed after signing)");
    }

    @Test
    void wrongInputsGetOneLineAndTheDocumentedExitCode() throws Exception {
        Run missing = signet("sign", work.resolve("nowhere.txt").toString());
        assertThat(missing.exit()).isEqualTo(ExitCodes.INPUT);
        assertThat(missing.errLines()).singleElement().asString().startsWith("signet: no such file");

        Path document = text("inputs.txt");
        Run format = signet("sign", document.toString(), "--format", "XAdES");
        assertThat(format.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(format.errLines()).singleElement().asString().contains("unknown format XAdES");

        int closed = Ports.free();
        Run unreachable = signet("sign", document.toString(), "--url", "http://127.0.0.1:" + closed);
        assertThat(unreachable.exit()).isEqualTo(ExitCodes.GATEWAY);
        assertThat(unreachable.errLines()).singleElement().asString().contains("cannot connect to the gateway");

        Path notCms = work.resolve("inputs.txt.p7s");
        Files.writeString(notCms, "this is not a CMS");
        Run garbage = signet("verify", document.toString(), notCms.toString());
        assertThat(garbage.exit()).isEqualTo(ExitCodes.INPUT);
        assertThat(garbage.errLines()).singleElement().asString().contains("not a CMS");
    }

    private record Run(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private static Run signet(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        int exit = SignetCommand.run(
                all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true), env, work);
        return new Run(exit, out.toString(), err.toString());
    }

    private static Path text(String name) throws IOException {
        Path file = work.resolve(name);
        Files.writeString(file, "I agree to the terms of contract " + name + ".\n");
        return file;
    }

    private static Path pdf(String name) throws IOException {
        Path file = work.resolve(name);
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 720);
                content.showText("Contract " + name + ": the parties agree.");
                content.endText();
            }
            document.save(file.toFile());
        }
        return file;
    }

    private static void flipOneByte(Path file, int position) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[position] ^= 0x01;
        Files.write(file, bytes);
    }
}
