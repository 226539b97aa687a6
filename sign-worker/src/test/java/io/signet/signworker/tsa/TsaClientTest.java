package io.signet.signworker.tsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import com.sun.net.httpserver.HttpServer;
import io.signet.hsm.DigestAlgorithm;
import io.signet.hsm.KeyAlgorithm;
import io.signet.signworker.cades.Digests;
import io.signet.signworker.testing.TestPki;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The time-stamp client against a loopback TSA that answers with the test PKI once it is "back". */
class TsaClientTest {

    private static final TestPki EC_TSA = new TestPki();
    private static final byte[] SIGNATURE_VALUE = {1, 2, 3, 4};

    /** How many requests the TSA refuses with 503 before it answers. */
    private final AtomicInteger refusals = new AtomicInteger();

    private final AtomicInteger calls = new AtomicInteger();
    /** The TSA the loopback server plays, and the key it signs with (its own unless a test forges). */
    private TestPki pki = EC_TSA;

    private PrivateKey signingKey;
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
            byte[] body = pki.respond(request, signingKey != null ? signingKey : pki.tsaKey.getPrivate());
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

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void aTokenIsUsedOnlyWhenItsSignatureVerifiesWithTheTsaCertificate(KeyAlgorithm tsaKey) throws Exception {
        pki = new TestPki(tsaKey);
        TsaClient tsa = client(1);

        TimeStampToken token = tsa.timestamp(SIGNATURE_VALUE, DigestAlgorithm.SHA256, Instant.now());
        assertThat(token.isSignatureValid(new JcaSimpleSignerInfoVerifierBuilder().build(pki.tsa)))
                .isTrue();

        // The same TSA certificate, a token signed by another key of the same kind: imprint, nonce and policy all
        // match the request, only the signature is wrong.
        signingKey = TestPki.keyPair(tsaKey).getPrivate();
        assertThatThrownBy(() -> tsa.timestamp(SIGNATURE_VALUE, DigestAlgorithm.SHA256, Instant.now()))
                .isInstanceOf(TsaException.class)
                .hasMessageContaining("signature");

        // And back to good tokens: a refused token leaves nothing behind in the client.
        signingKey = null;
        assertThat(tsa.timestamp(SIGNATURE_VALUE, DigestAlgorithm.SHA256, Instant.now()))
                .isNotNull();
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
