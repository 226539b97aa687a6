package io.signet.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code signet status ID [--callbacks]} against a hand-written gateway that answers as the real one does. */
class StatusCommandTest {

    private static final String ID = "0f8c3e7a-2b1d-4c6e-9a5f-3d2e1c0b9a87";
    private static final String KEY = "sgk_status-test-key";

    @TempDir
    Path dir;

    private HttpServer gateway;
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startGateway() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        gateway.createContext("/v1/sign/response/", exchange -> {
            calls.add(exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            if (exchange.getRequestURI().getPath().endsWith("/callbacks")) {
                answer(exchange, """
                        {"signatureId":"%s","callbacks":[{"kind":"GET","webhookId":"msg_1","status":"DELIVERED",
                         "attempts":[{"attempt":1,"attemptedAt":"2026-12-02T10:00:00Z","latencyMs":12,
                                      "outcome":"RETRY","error":"HTTP 503","httpStatus":503},
                                     {"attempt":2,"attemptedAt":"2026-12-02T10:00:05Z","latencyMs":7,
                                      "outcome":"DELIVERED","httpStatus":204}]}],
                         "responseTimestamp":"2026-12-02T10:01:00Z"}""".formatted(ID));
            } else {
                answer(exchange, """
                        {"signature":"c2ln","certificate":"PEM","status":{"code":"OK","message":"done"}}""");
            }
        });
        gateway.start();
    }

    @AfterEach
    void stopGateway() {
        gateway.stop(0);
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> env = Map.of(
                "SIGNET_URL",
                "http://127.0.0.1:" + gateway.getAddress().getPort(),
                "SIGNET_API_KEY",
                KEY,
                "SIGNET_SIGNER_TOKEN",
                "unused");
        int exit = SignetCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env, dir);
        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
        return out.toString();
    }

    @Test
    void statusAloneAsksOnlyForTheResult() {
        assertThat(run("status", ID).lines()).containsExactly(ID + ": OK (done)");
        assertThat(calls).containsExactly("/v1/sign/response/" + ID + " Bearer " + KEY);
    }

    @Test
    void withCallbacksEveryAttemptIsListed() {
        assertThat(run("status", ID, "--callbacks").lines())
                .containsExactly(
                        ID + ": OK (done)",
                        "callback GET msg_1: DELIVERED",
                        "  attempt 1 at 2026-12-02T10:00:00Z: RETRY, HTTP 503, 12 ms",
                        "  attempt 2 at 2026-12-02T10:00:05Z: DELIVERED, HTTP 204, 7 ms");
        assertThat(calls).endsWith("/v1/sign/response/" + ID + "/callbacks Bearer " + KEY);
    }
}
