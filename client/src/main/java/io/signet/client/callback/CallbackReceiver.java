package io.signet.client.callback;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A small HTTP endpoint for Signet's callbacks (the JDK's built-in server): verifies each request with a {@link
 * WebhookVerifier}, answers 401 and drops it when the signature or timestamp does not hold, else answers 204 and
 * passes a {@link Callback} to the handler. Accepts GET (signatureId, nonce and state in the query, which is what
 * is signed) and POST (a JSON body, which is signed; the same query parameters are read). Requests are handled one
 * at a time on a virtual thread each; the handler must be thread-safe.
 */
public final class CallbackReceiver implements AutoCloseable {

    private static final int MAX_BODY = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final String path;

    private CallbackReceiver(HttpServer server, String path) {
        this.server = server;
        this.path = path;
    }

    /** Listens on {@code address} (port 0 for any free port) at {@code path}, e.g. {@code /signet/callback}. */
    public static CallbackReceiver start(
            InetSocketAddress address, String path, WebhookVerifier verifier, Consumer<Callback> handler)
            throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        CallbackReceiver receiver = new CallbackReceiver(server, path);
        server.createContext(path, exchange -> receiver.handle(exchange, verifier, handler));
        server.setExecutor(receiver.executor);
        server.start();
        return receiver;
    }

    /** The URL to give Signet as {@code callbackUrl}. */
    public URI url() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getHostString() + ":" + address.getPort() + path);
    }

    private void handle(HttpExchange exchange, WebhookVerifier verifier, Consumer<Callback> handler)
            throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("POST")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            String payload;
            try (InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readNBytes(MAX_BODY + 1);
                if (body.length > MAX_BODY) {
                    exchange.sendResponseHeaders(413, -1);
                    return;
                }
                payload =
                        method.equals("POST") ? new String(body, StandardCharsets.UTF_8) : (query == null ? "" : query);
            }
            String webhookId = exchange.getRequestHeaders().getFirst("webhook-id");
            try {
                verifier.verify(
                        webhookId,
                        exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                        exchange.getRequestHeaders().getFirst("webhook-signature"),
                        payload);
            } catch (WebhookVerificationException e) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            Map<String, String> parameters = parameters(query);
            handler.accept(new Callback(
                    webhookId, parameters.get("signatureId"), parameters.get("nonce"), parameters.get("state")));
            exchange.sendResponseHeaders(204, -1);
        }
    }

    static Map<String, String> parameters(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.putIfAbsent(
                    URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
