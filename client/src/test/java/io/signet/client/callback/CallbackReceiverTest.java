package io.signet.client.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The receiver over real loopback HTTP: verified callbacks reach the handler, others get 401 and do not. */
class CallbackReceiverTest {

    private static final String QUERY = "signatureId=sig-42&nonce=n%201&state=s-1";

    @Test
    void aSignedCallbackReachesTheHandlerAndAForgedOneIsRefusedWith401() throws Exception {
        List<Callback> received = new CopyOnWriteArrayList<>();
        try (CallbackReceiver receiver = CallbackReceiver.start(
                new InetSocketAddress("127.0.0.1", 0),
                "/signet/callback",
                new WebhookVerifier(WebhookVerifierTest.SECRET),
                received::add)) {
            HttpClient http = HttpClient.newHttpClient();
            URI url = URI.create(receiver.url() + "?" + QUERY);
            long now = Instant.now().getEpochSecond();

            HttpResponse<Void> good = http.send(
                    HttpRequest.newBuilder(url)
                            .header("webhook-id", "msg_7")
                            .header("webhook-timestamp", Long.toString(now))
                            .header(
                                    "webhook-signature",
                                    WebhookVerifierTest.sign(WebhookVerifierTest.SECRET, "msg_7", now, QUERY))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            HttpResponse<Void> forged = http.send(
                    HttpRequest.newBuilder(url)
                            .header("webhook-id", "msg_8")
                            .header("webhook-timestamp", Long.toString(now))
                            .header("webhook-signature", "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            long stale = now - 3600;
            HttpResponse<Void> replayed = http.send(
                    HttpRequest.newBuilder(url)
                            .header("webhook-id", "msg_9")
                            .header("webhook-timestamp", Long.toString(stale))
                            .header(
                                    "webhook-signature",
                                    WebhookVerifierTest.sign(WebhookVerifierTest.SECRET, "msg_9", stale, QUERY))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());

            assertThat(good.statusCode()).isEqualTo(204);
            assertThat(forged.statusCode()).isEqualTo(401);
            assertThat(replayed.statusCode()).isEqualTo(401);
            assertThat(received).containsExactly(new Callback("msg_7", "sig-42", "n 1", "s-1"));
        }
    }
}
