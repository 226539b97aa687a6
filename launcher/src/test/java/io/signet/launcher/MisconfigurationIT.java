package io.signet.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.embedded.EmbeddedStack;
import io.signet.embedded.ExternalDatabase;
import io.signet.embedded.Ports;
import io.signet.embedded.SoftHsm;
import io.signet.embedded.StackOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Each misconfiguration stops the start early with one clear line, and nothing stays running. */
class MisconfigurationIT {

    @TempDir
    Path dataDir;

    @Test
    void pkcs11ModuleThatDoesNotExistIsNamed() {
        LaunchOptions options =
                LauncherTestSupport.options(dataDir).withHsmModule(Path.of("/nonexistent/libsofthsm2.so"));

        assertThatThrownBy(() -> SignetLauncher.start(options))
                .isInstanceOf(LaunchException.class)
                .hasMessageStartingWith("PKCS#11 module /nonexistent/libsofthsm2.so does not exist")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void wrongPinInThePinFileIsReportedWithTheFile() throws Exception {
        // A first start initialises the tokens and their PIN files; then someone breaks one file.
        EmbeddedStack.start(StackOptions.in(dataDir)
                        .withSoftHsmConf(LauncherTestSupport.softHsmConf())
                        .withPostgres(false)
                        .withKafka(false)
                        .withShutdownHook(false))
                .close();
        Path pinFile = dataDir.resolve("secrets").resolve(SoftHsm.SIGN_TOKEN + ".pin");
        Files.writeString(pinFile, "not-the-pin");

        assertThatThrownBy(() -> SignetLauncher.start(LauncherTestSupport.options(dataDir)))
                .isInstanceOf(LaunchException.class)
                .hasMessageStartingWith("wrong PIN for HSM token 'signet-sign' in " + pinFile)
                .satisfies(e ->
                        assertThat(e.getMessage()).doesNotContain("not-the-pin").doesNotContain("\n"));
    }

    @Test
    void externalDatabaseThatCannotBeReachedIsNamed() {
        int closedPort = Ports.free();
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/signet";
        LaunchOptions options = LauncherTestSupport.options(dataDir)
                .withExternalDatabase(new ExternalDatabase(url, "signet", "secret-password"));

        assertThatThrownBy(() -> SignetLauncher.start(options))
                .isInstanceOf(LaunchException.class)
                .hasMessageStartingWith("database at " + url + " cannot be reached")
                .satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain("secret-password")
                        .doesNotContain("\n"));
    }

    @Test
    void portAlreadyTakenIsNamedBeforeAnythingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            LaunchOptions options =
                    LauncherTestSupport.options(dataDir).withPort(SignetService.GATEWAY, taken.getLocalPort());

            assertThatThrownBy(() -> SignetLauncher.start(options))
                    .isInstanceOf(LaunchException.class)
                    .hasMessage("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use");
        }
        assertThat(dataDir.resolve("postgres")).doesNotExist();
    }

    @Test
    void databasePortAlreadyTakenIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            LaunchOptions options = LauncherTestSupport.options(dataDir).withBackingPorts(taken.getLocalPort(), 0);

            assertThatThrownBy(() -> SignetLauncher.start(options))
                    .isInstanceOf(LaunchException.class)
                    .hasMessage("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use");
        }
    }

    @Test
    void commandLinePrintsOneLineOnStderrAndExitsNonZero() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        int exitCode;
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exitCode = new CommandLine(new SignetLauncher())
                    .execute("--data-dir", dataDir.toString(), "--gateway-port", String.valueOf(taken.getLocalPort()));
            System.setErr(original);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .isEqualTo("signet: port " + taken.getLocalPort() + " on 127.0.0.1 is already in use"
                            + System.lineSeparator());
        } finally {
            System.setErr(original);
        }
        assertThat(exitCode).isNotZero();
    }

    @Test
    void softHsmConfNamingAnotherFileSaysWhichExportToRun() {
        // Without the test's override the configuration would go into the data directory, which SOFTHSM2_CONF
        // (set by the build) does not name.
        LaunchOptions options = LaunchOptions.in(dataDir).withFreePorts();
        Path expected = dataDir.toAbsolutePath().resolve("softhsm").resolve("softhsm2.conf");

        assertThatThrownBy(() -> SignetLauncher.start(options))
                .isInstanceOf(LaunchException.class)
                .hasMessageEndingWith("run: export SOFTHSM2_CONF=" + expected);
    }
}
