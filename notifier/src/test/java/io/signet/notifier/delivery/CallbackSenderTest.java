package io.signet.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sender against a raw loopback socket server that answers however the test says, including not at all. */
class CallbackSenderTest {

    private static final Duration TIMEOUT = Duration.ofMillis(700);

    private final List<String> requestHeads = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
    }

    @Test
    void retryAfterReadsSecondsAndIgnoresGarbage() {
        assertThat(CallbackSender.retryAfter("120")).isEqualTo(Duration.ofMinutes(2));
        assertThat(CallbackSender.retryAfter("soon")).isNull();
        assertThat(CallbackSender.retryAfter(null)).isNull();
        assertThat(CallbackSender.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
    }

    @Test
    void connectsToTheCheckedAddressAndNamesTheHostInTheHostHeader() throws Exception {
        int port = server(out -> out.write("HTTP/1.1 503 Busy\r\nRetry-After: 7\r\nContent-Length: 0\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII)));
        // "callback.invalid" exists in no DNS: only the guard's resolver knows it, so the request can only have
        // reached the server through the address the guard returned.
        CallbackSender sender = sender();

        CallbackSender.SendResult result = sender.send(
                "GET", URI.create("http://callback.invalid:" + port + "/cb?signatureId=s1"), null, Map.of("X-A", "1"));

        assertThat(result.httpStatus()).isEqualTo(503);
        assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(requestHeads)
                .singleElement()
                .satisfies(head -> assertThat(head)
                        .startsWith("GET /cb?signatureId=s1 HTTP/1.1")
                        .containsIgnoringCase("host: callback.invalid:" + port)
                        .containsIgnoringCase("x-a: 1")
                        .containsIgnoringCase("user-agent: Signet-Notifier"));
    }

    @Test
    void aConnectionClosedWithoutAnswerIsResentAFewTimesAndThenAFailure() throws Exception {
        java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
        int port = server(out -> {
            if (connections.incrementAndGet() > 2) { // the first two close without a word, like stale keep-alives
                out.write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        });
        URI url = URI.create("http://callback.invalid:" + port + "/cb");

        assertThat(sender().send("POST", url, "{}", Map.of()).httpStatus()).isEqualTo(204);
        assertThat(requestHeads).hasSize(3);

        connections.set(Integer.MIN_VALUE); // from now on every connection closes without a word
        requestHeads.clear();
        CallbackSender.SendResult failed = sender().send("POST", url, "{}", Map.of());
        assertThat(failed.httpStatus()).isNull();
        assertThat(failed.error()).startsWith("NoHttpResponseException");
        assertThat(requestHeads).as("the first send and three resends").hasSize(4);
    }

    @Test
    void aRedirectIsReportedAndNotFollowed() throws Exception {
        int port = server(out -> out.write(
                ("HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:1/elsewhere\r\n" + "Content-Length: 0\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII)));

        CallbackSender.SendResult result =
                sender().send("POST", URI.create("http://callback.invalid:" + port + "/cb"), "{}", Map.of());

        assertThat(result.httpStatus()).isEqualTo(302);
        assertThat(requestHeads).hasSize(1);
    }

    @Test
    void aReceiverThatNeverAnswersIsATimeout() throws Exception {
        int port = server(out -> sleep(Duration.ofSeconds(30)));

        CallbackSender.SendResult result =
                sender().send("GET", URI.create("http://callback.invalid:" + port + "/cb"), null, Map.of());

        assertThat(result.httpStatus()).isNull();
        assertThat(result.error()).isEqualTo("timeout after " + TIMEOUT.toMillis() + " ms");
        assertThat(result.latencyMs()).isGreaterThanOrEqualTo(TIMEOUT.toMillis());
    }

    @Test
    void aReceiverThatTricklesItsAnswerIsCutOffAtTheDeadline() throws Exception {
        // Each byte comes well within the socket timeout; only the deadline on the whole exchange stops it.
        int port = server(out -> {
            for (byte b : "HTTP/1.1 200 OK\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII)) {
                out.write(b);
                out.flush();
            }
            for (int i = 0; i < 100; i++) {
                out.write('a');
                out.flush();
                sleep(Duration.ofMillis(100));
            }
        });

        CallbackSender.SendResult result =
                sender().send("GET", URI.create("http://callback.invalid:" + port + "/cb"), null, Map.of());

        assertThat(result.httpStatus()).isNull();
        assertThat(result.error()).isEqualTo("timeout after " + TIMEOUT.toMillis() + " ms");
    }

    @Test
    void aRefusedDestinationIsNeverConnectedTo() {
        DestinationGuard strict = new DestinationGuard(
                host -> List.of(InetAddress.getLoopbackAddress()), new CallbackProperties(List.of(), true));
        CallbackSender sender = new CallbackSender(strict, TIMEOUT, 4);
        closing.add(sender);

        CallbackSender.SendResult result = sender.send("GET", URI.create("http://callback.invalid/cb"), null, Map.of());

        assertThat(result.refused()).isTrue();
        assertThat(result.error()).contains("non-public address");
    }

    private CallbackSender sender() {
        DestinationGuard guard = new DestinationGuard(
                host -> List.of(InetAddress.getLoopbackAddress()),
                new CallbackProperties(List.of("127.0.0.0/8"), true));
        CallbackSender sender = new CallbackSender(guard, TIMEOUT, 4);
        closing.add(sender);
        return sender;
    }

    @FunctionalInterface
    private interface Answer {
        void write(OutputStream out) throws IOException;
    }

    /** A one-connection-at-a-time HTTP/1.1 server on loopback: records each request head, then answers. */
    private int server(Answer answer) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        closing.add(server);
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    closing.add(socket);
                    BufferedReader in = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                    StringBuilder head = new StringBuilder();
                    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                        head.append(line).append("\r\n");
                    }
                    requestHeads.add(head.toString());
                    answer.write(socket.getOutputStream());
                    socket.getOutputStream().flush();
                } catch (IOException e) {
                    // closed by the test or the client
                }
            }
        });
        return server.getLocalPort();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
