package io.signet.gateway.result;

import static io.signet.gateway.support.GatewayClient.json;
import static io.signet.gateway.support.GatewayClient.validBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.signet.gateway.dev.DevCredentials;
import io.signet.gateway.payment.PaymentTokenVerifier;
import io.signet.gateway.support.GatewayClient;
import io.signet.gateway.support.TestStack;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Payment tokens (402) and reading results from the notifier ({@code Prefer: wait}, {@code GET
 * /v1/sign/response/{id}}), with a hand-written fake of the notifier's internal results endpoint.
 */
class PaymentAndResultIT {

    static final String SECRET = "test-payment-secret";
    static final String INTERNAL_TOKEN = "gateway-it-internal-token";
    static HttpServer notifier;
    static volatile boolean done;
    static final List<String> calls = new CopyOnWriteArrayList<>();
    static ConfigurableApplicationContext gateway;
    static GatewayClient client;
    static Jdbi jdbi;

    @BeforeAll
    static void start() throws Exception {
        notifier = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // As the notifier does with an internal token configured: nothing without it.
        Filter internalToken = new Filter() {
            @Override
            public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
                if (("Bearer " + INTERNAL_TOKEN)
                        .equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    chain.doFilter(exchange);
                } else {
                    calls.add("refused " + exchange.getRequestURI().getPath());
                    exchange.sendResponseHeaders(401, -1);
                    exchange.close();
                }
            }

            @Override
            public String description() {
                return "internal token";
            }
        };
        notifier.createContext("/internal/results/", exchange -> {
                    String id = exchange.getRequestURI().getPath().substring("/internal/results/".length());
                    calls.add(id + "|" + exchange.getRequestURI().getQuery());
                    // As the notifier answers: 200 with the GovStack response, PENDING until the result is stored.
                    byte[] body = (done
                                    ? "{\"signature\":\"c2ln\",\"certificate\":\"PEM\",\"signatureTimestamp\":\"dHM=\","
                                            + "\"responseTimestamp\":\"" + Instant.now()
                                            + "\",\"status\":{\"code\":\"OK\","
                                            + "\"message\":\"Signature generated successfully\"},\"signatureId\":\""
                                            + id
                                            + "\"}"
                                    : "{\"responseTimestamp\":\"" + Instant.now()
                                            + "\",\"status\":{\"code\":\"PENDING\",\"message\":\"running\"}}")
                            .getBytes(StandardCharsets.UTF_8);
                    respondJson(exchange, body);
                })
                .getFilters()
                .add(internalToken);
        notifier.createContext("/internal/deliveries", exchange -> {
                    calls.add("deliveries|" + exchange.getRequestURI().getQuery());
                    // As the notifier answers: the request's deliveries, each with its attempts.
                    byte[] body = ("[{\"kind\":\"GET\",\"status\":\"DELIVERED\",\"webhookId\":\"msg_1\",\"attempts\":["
                                    + "{\"attempt\":1,\"httpStatus\":503,\"outcome\":\"RETRY\"},"
                                    + "{\"attempt\":2,\"httpStatus\":200,\"outcome\":\"DELIVERED\"}]}]")
                            .getBytes(StandardCharsets.UTF_8);
                    respondJson(exchange, body);
                })
                .getFilters()
                .add(internalToken);
        notifier.start();
        gateway = TestStack.startGateway(Map.of(
                "signet.gateway.payment.required",
                "true",
                "signet.gateway.payment.hmac-secret",
                SECRET,
                "signet.gateway.notifier-url",
                "http://127.0.0.1:" + notifier.getAddress().getPort(),
                "signet.gateway.notifier-token",
                INTERNAL_TOKEN,
                "signet.gateway.relay.enabled",
                "false"));
        client = new GatewayClient(TestStack.port(gateway), gateway.getBean(DevCredentials.class));
        jdbi = gateway.getBean(Jdbi.class);
    }

    private static void respondJson(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        notifier.stop(0);
    }

    @BeforeEach
    void reset() {
        done = false;
        calls.clear();
    }

    static long rows() {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from gateway.sign_request")
                .mapTo(Long.class)
                .one());
    }

    Map<String, String> paid() {
        Map<String, String> headers = new HashMap<>(client.headers());
        headers.put(
                "X-GovStack-PaymentToken",
                PaymentTokenVerifier.issue(SECRET, Instant.now().getEpochSecond() + 300, "payment-1"));
        return headers;
    }

    @Test
    void missingOrInvalidPaymentTokenIs402AndNothingIsPersisted() {
        long before = rows();
        HttpResponse<String> missing = client.post(validBody());
        Map<String, String> forged = new HashMap<>(client.headers());
        forged.put(
                "X-GovStack-PaymentToken",
                PaymentTokenVerifier.issue("guessed", Instant.now().getEpochSecond() + 300, "payment-1"));
        HttpResponse<String> invalid = client.post("/v1/sign/onetime", validBody(), forged);

        for (HttpResponse<String> response : List.of(missing, invalid)) {
            assertThat(response.statusCode()).isEqualTo(402);
            assertThat(json(response.body()).at("/status/code").stringValue()).isEqualTo("ERROR");
            assertThat(json(response.body()).at("/status/message").stringValue())
                    .contains("Payment required");
        }
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void validPaymentTokenIsAccepted() {
        assertThat(client.post("/v1/sign/onetime", validBody(), paid()).statusCode())
                .isEqualTo(202);
    }

    @Test
    void preferWaitAnswers200WithTheNotifiersResultWhenDone() {
        done = true;
        Map<String, String> headers = paid();
        headers.put("Prefer", "wait=5");
        HttpResponse<String> response = client.post("/v1/sign/onetime", validBody(), headers);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Preference-Applied")).contains("wait=5");
        assertThat(json(response.body()).at("/status/code").stringValue()).isEqualTo("OK");
        String id = json(response.body()).get("signatureId").stringValue();
        assertThat(calls).containsExactly(id + "|rpId=" + DevCredentials.RP_ID + "&waitSeconds=5");
    }

    @Test
    void preferWaitAnswers202WhenTheResultIsNotThereInTime() {
        Map<String, String> headers = paid();
        headers.put("Prefer", "wait=2");
        HttpResponse<String> response = client.post("/v1/sign/onetime", validBody(), headers);
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response.body()).at("/status/code").stringValue()).isEqualTo("PENDING");
        assertThat(calls).hasSize(1);
    }

    @Test
    void readEndpointProxiesTheNotifiersAnswerForTheOwner() {
        String id = json(client.post("/v1/sign/onetime", validBody(), paid()).body())
                .get("signatureId")
                .stringValue();
        done = true;
        HttpResponse<String> response = client.get("/v1/sign/response/" + id, client.headers());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response.body()).at("/status/code").stringValue()).isEqualTo("OK");
        assertThat(calls).containsExactly(id + "|rpId=" + DevCredentials.RP_ID + "&waitSeconds=0");
    }

    @Test
    void callbacksEndpointShowsTheOwnerEveryAttemptAndAnUnknownIdIs404() {
        String id = json(client.post("/v1/sign/onetime", validBody(), paid()).body())
                .get("signatureId")
                .stringValue();

        HttpResponse<String> response = client.get("/v1/sign/response/" + id + "/callbacks", client.headers());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response.body()).get("signatureId").stringValue()).isEqualTo(id);
        assertThat(json(response.body()).at("/callbacks/0/status").stringValue())
                .isEqualTo("DELIVERED");
        assertThat(json(response.body())
                        .at("/callbacks/0/attempts/0/httpStatus")
                        .intValue())
                .isEqualTo(503);
        assertThat(json(response.body())
                        .at("/callbacks/0/attempts/1/httpStatus")
                        .intValue())
                .isEqualTo(200);
        assertThat(calls).containsExactly("deliveries|signatureId=" + id + "&rpId=" + DevCredentials.RP_ID);

        calls.clear();
        HttpResponse<String> unknown =
                client.get("/v1/sign/response/" + java.util.UUID.randomUUID() + "/callbacks", client.headers());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown.body()).at("/status/code").stringValue()).isEqualTo("ERROR");
        assertThat(calls)
                .as("the notifier is not asked about ids the RP does not own")
                .isEmpty();
    }
}
