package io.signet.signworker.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for cert-worker's claims endpoint in front of the real one: closed, it answers 503 (cert-worker away);
 * open, it forwards. It records which partitions each call claimed, so a test can tell which records a worker was
 * working on.
 */
public final class ClaimsGate implements AutoCloseable {

    /** One call: when it arrived ({@link System#nanoTime()}) and the partitions of the records it claimed. */
    public record Call(long nanoTime, Set<Integer> partitions) {}

    private final HttpServer server;
    private final URI target;
    private final HttpClient client = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile boolean open;

    private ClaimsGate(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/internal/claims", this::handle);
        server.start();
    }

    /** A closed gate in front of {@code target} (cert-worker's claims URL). */
    public static ClaimsGate closed(String target) {
        try {
            return new ClaimsGate(URI.create(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/internal/claims";
    }

    public void open() {
        open = true;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The first call that arrived after {@code nanoTime}, if any. */
    public Optional<Call> firstCallAfter(long nanoTime) {
        return calls.stream().filter(call -> call.nanoTime() - nanoTime > 0).findFirst();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Set<Integer> partitions = new TreeSet<>();
            for (JsonNode claim : json.readTree(body)) {
                partitions.add(claim.get("partition").asInt());
            }
            calls.add(new Call(System.nanoTime(), partitions));
            if (!open) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(target)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null) {
                forward.header("Authorization", authorization);
            }
            HttpResponse<byte[]> answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            exchange.getResponseBody().write(answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        client.close();
    }
}
