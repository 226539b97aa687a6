package io.signet.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServiceHttpTest {

    private HttpServer server;
    private ServiceHttp http;
    private URI base;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/echo", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String answer = exchange.getRequestMethod() + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + exchange.getRequestHeaders().getFirst("X-Token") + " " + new String(body, StandardCharsets.UTF_8);
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(201, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/echo");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(1_200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/silent", exchange -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        http = new ServiceHttp(Duration.ofMillis(500), 4);
    }

    @AfterEach
    void stop() {
        http.close();
        server.stop(0);
    }

    @Test
    void postsTheBodyWithItsTypeAndHeadersAndReadsTheAnswer() throws Exception {
        ServiceHttp.Response response = http.post(
                base.resolve("/echo"),
                "application/json",
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
                Map.of("X-Token", "t1"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("POST application/json t1 {\"a\":1}");
    }

    @Test
    void doesNotFollowRedirects() throws Exception {
        ServiceHttp.Response response = http.get(base.resolve("/moved"), Map.of());

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void aCallMayWaitLongerThanTheDefaultTimeout() throws Exception {
        assertThatThrownBy(() -> http.get(base.resolve("/slow"), Map.of())).isInstanceOf(SocketTimeoutException.class);

        assertThat(http.get(base.resolve("/slow"), Map.of(), Duration.ofSeconds(5))
                        .status())
                .isEqualTo(204);
    }

    @Test
    void anEndpointThatDoesNotAnswerTimesOut() {
        assertThatThrownBy(() -> http.get(base.resolve("/silent"), Map.of()))
                .isInstanceOf(SocketTimeoutException.class);
    }
}
