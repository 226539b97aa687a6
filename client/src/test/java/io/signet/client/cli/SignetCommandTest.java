package io.signet.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argument and settings handling, without a gateway: every wrong input is one line and its exit code. */
class SignetCommandTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SignetCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env, dir);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void unknownFormatIsAUsageErrorOnOneLine() throws Exception {
        Path file = Files.writeString(dir.resolve("a.txt"), "a");
        Run run = run(Map.of(), "sign", file.toString(), "--format", "XAdES");
        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().lines()).singleElement().asString().contains("unknown format XAdES");
    }

    @Test
    void unknownLevelAndHashAreUsageErrors() throws Exception {
        Path file = Files.writeString(dir.resolve("a.txt"), "a");
        assertThat(run(Map.of(), "sign", file.toString(), "--level", "B-LTA").exit())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(run(Map.of(), "sign", file.toString(), "--hash", "MD5").exit())
                .isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void missingFileIsAnInputErrorOnOneLine() {
        Run run = run(Map.of(), "sign", dir.resolve("missing.pdf").toString(), "--format", "PAdES");
        assertThat(run.exit()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err().lines())
                .singleElement()
                .asString()
                .isEqualTo("signet: no such file: " + dir.resolve("missing.pdf"));
    }

    @Test
    void withoutSettingsTheMessageSaysWhereTheyComeFrom() throws Exception {
        Path file = Files.writeString(dir.resolve("a.txt"), "a");
        Run run = run(Map.of(), "sign", file.toString());
        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().lines())
                .singleElement()
                .asString()
                .contains("--url")
                .contains("SIGNET_URL")
                .contains("client.properties");
    }

    @Test
    void settingsComeFromOptionsBeforeEnvironmentBeforeTheFile() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve("client.properties"), "url=http://file:1\napi-key=file-key\nca=file-ca\n");
        ClientSettings settings =
                ClientSettings.load(Map.of("SIGNET_HOME", home.toString(), "SIGNET_API_KEY", "env-key"), dir);
        assertThat(settings.value(null, "SIGNET_URL", "url")).contains("http://file:1");
        assertThat(settings.value(null, "SIGNET_API_KEY", "api-key")).contains("env-key");
        assertThat(settings.value("opt-key", "SIGNET_API_KEY", "api-key")).contains("opt-key");
        assertThat(settings.value(null, "SIGNET_SIGNER_TOKEN", "signer-token")).isEmpty();
    }

    @Test
    void theDefaultSettingsFileIsDotSignetInTheWorkingDirectory() throws Exception {
        Files.createDirectories(dir.resolve(".signet"));
        Files.writeString(dir.resolve(".signet/client.properties"), "ca=/somewhere/ca.pem\n");
        assertThat(ClientSettings.load(Map.of(), dir).value(null, "SIGNET_CA", "ca"))
                .contains("/somewhere/ca.pem");
    }

    @Test
    void verifyWithASignatureThatIsNotCmsIsAnInputError() throws Exception {
        Path file = Files.writeString(dir.resolve("doc.txt"), "doc");
        Path sig = Files.writeString(dir.resolve("doc.txt.p7s"), "garbage");
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, TestCa.ROOT_PEM);
        Run run = run(Map.of("SIGNET_CA", ca.toString()), "verify", file.toString(), sig.toString());
        assertThat(run.exit()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err().lines()).singleElement().asString().contains("not a CMS");
    }

    @Test
    void auditCommandsAreSubcommandsWithTheirOptions() {
        Run run = run(Map.of(), "audit", "verify", "log");
        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--key");
        assertThat(run(Map.of(), "audit", "replay", "--help").out())
                .contains("--bootstrap")
                .contains("--pseudonym-key-file");
    }
}
