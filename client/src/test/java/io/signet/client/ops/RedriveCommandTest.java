package io.signet.client.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.signet.client.cli.ExitCodes;
import io.signet.client.cli.SignetCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code signet redrive} against a stand-in of the notifier's ops endpoints (JDK HTTP server on loopback). */
class RedriveCommandTest {

    private static final String TOKEN = "ops-token-of-the-test";
    private static final String DEAD_ID = "0d7c2f3e-8f1a-4b7e-9d5c-1a2b3c4d5e6f";
    private static final String OTHER_ID = "5e6f7a8b-1c2d-4e3f-8a9b-0c1d2e3f4a5b";
    private static final String DEAD = """
            {"id":"%s","webhookId":"msg_1","signatureId":"sig-1","rpId":"rp-a","kind":"GET","host":"rp.example",
             "eventType":"signature.completed","status":"%s","lastError":"HTTP 500","createdAt":"2026-11-23T10:00:00Z",
             "endedAt":"2026-11-23T10:05:00Z","attempts":[{"attempt":1},{"attempt":2}]}""";

    @TempDir
    Path dir;

    private HttpServer notifier;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    private record Run(int exit, String out, String err) {}

    @BeforeEach
    void startNotifier() throws IOException {
        notifier = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        notifier.createContext("/internal/ops/deliveries/", this::answer);
        notifier.start();
    }

    @AfterEach
    void stopNotifier() {
        notifier.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(String.valueOf(authorization));
        int status;
        String body;
        if (!("Bearer " + TOKEN).equals(authorization)) {
            status = 401;
            body = "{\"status\":{\"code\":\"ERROR\",\"message\":\"the ops token is missing or wrong\"}}";
        } else if (path.equals("/internal/ops/deliveries/dead")) {
            status = 200;
            body = "[" + DEAD.formatted(DEAD_ID, "DEAD") + "," + DEAD.formatted(OTHER_ID, "DISABLED") + "]";
        } else if (path.equals("/internal/ops/deliveries/" + DEAD_ID + "/redrive")) {
            status = 200;
            body = DEAD.formatted(DEAD_ID, "PENDING").replace("\"endedAt\":\"2026-11-23T10:05:00Z\",", "");
        } else {
            status = 409;
            body = "{\"status\":{\"code\":\"ERROR\",\"message\":\"delivery is not dead-lettered\"}}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private String url() {
        return "http://127.0.0.1:" + notifier.getAddress().getPort();
    }

    private Path tokenFile() throws IOException {
        return Files.writeString(dir.resolve("ops.token"), TOKEN + "\n");
    }

    private Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SignetCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env, dir);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void listPrintsEveryDeadLetterWithTheOpsTokenSent() throws IOException {
        Run run = run(
                Map.of(),
                "redrive",
                "list",
                "--url",
                url(),
                "--token-file",
                tokenFile().toString(),
                "--limit",
                "5");

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(calls).containsExactly("GET /internal/ops/deliveries/dead?limit=5");
        assertThat(authorizations).containsExactly("Bearer " + TOKEN);
        assertThat(run.out().lines().toList())
                .hasSize(2)
                .first()
                .satisfies(line -> assertThat(line)
                        .startsWith(DEAD_ID + "  DEAD  GET  rp=rp-a  signature=sig-1  host=rp.example  attempts=2")
                        .contains("ended=2026-11-23T10:05:00Z", "error=HTTP 500"));
        assertThat(run.out()).doesNotContain(TOKEN);
    }

    @Test
    void runWithAnIdRedrivesThatDeliveryOnly() throws IOException {
        Run run = run(
                Map.of(),
                "redrive",
                "run",
                "--id",
                DEAD_ID,
                "--url",
                url(),
                "--token-file",
                tokenFile().toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(calls).containsExactly("POST /internal/ops/deliveries/" + DEAD_ID + "/redrive");
        assertThat(run.out()).contains("redriven " + DEAD_ID + "  PENDING", "1 redriven, 0 skipped");
    }

    @Test
    void runAllRedrivesEveryListedDeadLetterAndReportsTheOnesRefused() throws IOException {
        Run run = run(
                Map.of(),
                "redrive",
                "run",
                "--all",
                "--url",
                url(),
                "--token-file",
                tokenFile().toString());

        assertThat(calls)
                .containsExactly(
                        "GET /internal/ops/deliveries/dead?limit=1000",
                        "POST /internal/ops/deliveries/" + DEAD_ID + "/redrive",
                        "POST /internal/ops/deliveries/" + OTHER_ID + "/redrive");
        assertThat(run.out())
                .contains("skipped  " + OTHER_ID + ": the notifier answered 409 (delivery is not dead-lettered)")
                .contains("1 redriven, 1 skipped");
        assertThat(run.exit()).isEqualTo(ExitCodes.INPUT);
    }

    @Test
    void notifierAndTokenFileComeFromClientPropertiesAsTheLauncherWritesThem() throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(
                home.resolve("client.properties"), "notifier-url=" + url() + "\nops-token-file=" + tokenFile() + "\n");

        Run run = run(Map.of("SIGNET_HOME", home.toString()), "redrive", "list");

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(authorizations).containsExactly("Bearer " + TOKEN);
    }

    @Test
    void missingOrWrongTokenEndsWithOneLineAndExit4() throws IOException {
        Run missing = run(Map.of(), "redrive", "list", "--url", url());
        Path wrong = Files.writeString(dir.resolve("wrong.token"), "not-the-token\n");
        Run refused = run(Map.of(), "redrive", "run", "--all", "--url", url(), "--token-file", wrong.toString());

        for (Run run : List.of(missing, refused)) {
            assertThat(run.exit()).isEqualTo(ExitCodes.GATEWAY);
            assertThat(run.err().strip())
                    .isEqualTo("signet: the notifier answered 401 (the ops token is missing or wrong): give the ops"
                            + " token with --token-file");
            assertThat(run.err()).doesNotContain("not-the-token");
        }
        assertThat(calls).noneMatch(call -> call.startsWith("POST"));
    }

    @Test
    void runNeedsEitherAnIdOrAll() {
        assertThat(run(Map.of(), "redrive", "run", "--url", url()).exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run(Map.of(), "redrive", "run", "--all", "--id", DEAD_ID, "--url", url())
                        .exit())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(calls).isEmpty();
    }

    @Test
    void unreachableNotifierExits4() {
        notifier.stop(0);
        Run run = run(Map.of(), "redrive", "list", "--url", url());
        assertThat(run.exit()).isEqualTo(ExitCodes.GATEWAY);
        assertThat(run.err()).startsWith("signet: notifier unreachable at ");
    }
}
