package io.signet.signworker.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The claims call against a hand-written stand-in for cert-worker's endpoint on a loopback port. */
class ClaimsClientTest {

    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicReference<String> answer = new AtomicReference<>("[]");
    private final AtomicReference<String> received = new AtomicReference<>();
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private final AtomicInteger calls = new AtomicInteger();
    private HttpServer server;

    private ClaimsClient client(int attempts) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/internal/claims", exchange -> {
            calls.incrementAndGet();
            received.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/internal/claims");
        return new ClaimsClient(new ClaimsProperties(url, Duration.ofSeconds(2), attempts, "s3cret", null));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void everyClaimGetsTheVerdictCertWorkerGaveIt() throws Exception {
        ClaimsClient client = client(1);
        answer.set("[{\"signatureId\":\"a\",\"partition\":0,\"offset\":5,\"verdict\":\"PROCEED\"},"
                + "{\"signatureId\":\"a\",\"partition\":0,\"offset\":9,\"verdict\":\"DUPLICATE\"},"
                + "{\"signatureId\":\"b\",\"partition\":1,\"offset\":2,\"verdict\":\"ENDED\"}]");
        Claim first = new Claim("a", 0, 5);
        Claim copy = new Claim("a", 0, 9);
        Claim ended = new Claim("b", 1, 2);

        Map<Claim, ClaimVerdict> verdicts = client.claim(List.of(first, copy, ended));

        assertThat(verdicts)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(first, ClaimVerdict.PROCEED, copy, ClaimVerdict.DUPLICATE, ended, ClaimVerdict.ENDED));
        assertThat(received.get()).contains("\"signatureId\":\"a\"", "\"offset\":9", "\"partition\":1");
        assertThat(calls).hasValue(1);
        assertThat(authorization.get()).isEqualTo("Bearer s3cret");
    }

    @Test
    void anIncompleteAnswerIsNoAnswer() throws Exception {
        ClaimsClient client = client(2);
        answer.set("[{\"signatureId\":\"a\",\"partition\":0,\"offset\":5,\"verdict\":\"PROCEED\"}]");

        assertThatThrownBy(() -> client.claim(List.of(new Claim("a", 0, 5), new Claim("b", 0, 6))))
                .isInstanceOf(ClaimsUnavailableException.class);
        assertThat(calls).hasValue(2);
    }

    @Test
    void anErrorStatusFailsAfterTheConfiguredAttempts() throws Exception {
        ClaimsClient client = client(3);
        status.set(503);

        assertThatThrownBy(() -> client.claim(List.of(new Claim("a", 0, 5))))
                .isInstanceOf(ClaimsUnavailableException.class)
                .hasMessageContaining("503");
        assertThat(calls).hasValue(3);
    }

    @Test
    void anUnreachableCertWorkerIsUnavailableAndAnEmptyBatchAsksNothing() throws Exception {
        ClaimsClient client = client(1);
        assertThat(client.claim(List.of())).isEmpty();
        assertThat(calls).hasValue(0);
        server.stop(0);

        assertThatThrownBy(() -> client.claim(List.of(new Claim("a", 0, 5))))
                .isInstanceOf(ClaimsUnavailableException.class);
    }
}
