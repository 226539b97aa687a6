package io.signet.signworker.tsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import com.sun.net.httpserver.HttpServer;
import io.signet.hsm.DigestAlgorithm;
import io.signet.signworker.cades.Digests;
import io.signet.signworker.testing.TestPki;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The time-stamp client against a loopback TSA that answers with the test PKI once it is "back". */
class TsaClientTest {

    private static final TestPki PKI = new TestPki();
    private static final byte[] SIGNATURE_VALUE = {1, 2, 3, 4};

    /** How many requests the TSA refuses with 503 before it answers. */
    private final AtomicInteger refusals = new AtomicInteger();

    private final AtomicInteger calls = new AtomicInteger();
    private HttpServer server;
    private TsaClient client;

    private TsaClient client(int attempts) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/pki/tsa", exchange -> {
            calls.incrementAndGet();
            byte[] request = exchange.getRequestBody().readAllBytes();
            if (refusals.getAndDecrement() > 0) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            byte[] body = PKI.respond(request);
            exchange.getResponseHeaders().add("Content-Type", "application/timestamp-reply");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/pki/tsa");
        client = new TsaClient(
                new TsaProperties(url, Duration.ofSeconds(2), attempts, Duration.ofMillis(20)), Clock.systemUTC());
        return client;
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aTsaBackBeforeTheTimeGivenTimeStampsTheSignature() throws Exception {
        TsaClient tsa = client(2);
        refusals.set(5);

        TimeStampToken token = tsa.timestamp(
                SIGNATURE_VALUE, DigestAlgorithm.SHA256, Instant.now().plusSeconds(30));

        assertThat(token.getTimeStampInfo().getMessageImprintDigest())
                .isEqualTo(Digests.digest(DigestAlgorithm.SHA256, SIGNATURE_VALUE));
        assertThat(calls).hasValue(6);
    }

    @Test
    void aTsaStillAwayAtTheTimeGivenFailsAfterTheMinimumAttempts() throws Exception {
        TsaClient tsa = client(3);
        refusals.set(Integer.MAX_VALUE);

        assertThatThrownBy(() -> tsa.timestamp(SIGNATURE_VALUE, DigestAlgorithm.SHA256, Instant.now()))
                .isInstanceOf(TsaException.class)
                .hasMessageContaining("503");
        assertThat(calls).hasValue(3);
    }

    @Test
    void closingTheClientEndsARetryInProgress() throws Exception {
        TsaClient tsa = client(1);
        refusals.set(Integer.MAX_VALUE);
        CompletableFuture<TimeStampToken> waiting = CompletableFuture.supplyAsync(() -> tsa.timestamp(
                SIGNATURE_VALUE, DigestAlgorithm.SHA256, Instant.now().plusSeconds(600)));
        await().atMost(Duration.ofSeconds(10)).untilAtomic(calls, greaterThanOrEqualTo(2));

        tsa.close();

        assertThat(waiting)
                .failsWithin(5, TimeUnit.SECONDS)
                .withThrowableThat()
                .havingCause()
                .isInstanceOf(TsaException.class);
    }
}
