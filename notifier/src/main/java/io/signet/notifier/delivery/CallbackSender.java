package io.signet.notifier.delivery;

import io.signet.notifier.delivery.DestinationGuard.Destination;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Sends one callback request with {@link java.net.http.HttpClient}: redirects never followed, a timeout on connect and
 * on the answer, and the connection made to the address that {@link DestinationGuard} checked (the URL's host is
 * replaced by that address; {@code Host} and, for https, SNI and certificate name checks keep the host name).
 * Thread-safe: one client per destination host, shared by all attempts to it.
 */
public final class CallbackSender implements AutoCloseable {

    static {
        allowHostHeader();
    }

    /**
     * Lets this JVM's JDK HTTP clients set the {@code Host} header. The request goes to an address literal, so the
     * header must name the host explicitly; the JDK reads this setting once, before its HTTP client's first use.
     */
    public static void allowHostHeader() {
        String allowed = System.getProperty("jdk.httpclient.allowRestrictedHeaders", "");
        if (!allowed.toLowerCase(java.util.Locale.ROOT).contains("host")) {
            System.setProperty("jdk.httpclient.allowRestrictedHeaders", allowed.isEmpty() ? "host" : allowed + ",host");
        }
    }

    private static final int MAX_CLIENTS = 1024;

    private final DestinationGuard guard;
    private final Duration timeout;
    private final SSLContext tls;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    /** With the JVM's default TLS context (its trust store). */
    public CallbackSender(DestinationGuard guard, Duration timeout) {
        this(guard, timeout, defaultTls());
    }

    /**
     * @param tls TLS context of https callbacks: whom to trust (the JVM's default in production; tests trust their own
     *     receiver's certificate)
     */
    public CallbackSender(DestinationGuard guard, Duration timeout, SSLContext tls) {
        this.guard = guard;
        this.timeout = timeout;
        this.tls = tls;
        try {
            HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).header("Host", "example.org");
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the JDK HTTP client was used before the notifier started: start the JVM"
                    + " with -Djdk.httpclient.allowRestrictedHeaders=host");
        }
    }

    /** Sends the request; never throws for network or HTTP failures, which are reported in the result. */
    public SendResult send(String method, URI url, String body, Map<String, String> headers) {
        Destination destination;
        try {
            destination = guard.check(url);
        } catch (RefusedDestinationException e) {
            return SendResult.refused(e.getMessage());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(pinned(url, destination))
                .timeout(timeout)
                .header("Host", hostHeader(destination))
                .header("User-Agent", "Signet-Notifier");
        headers.forEach(request::header);
        if (method.equals("POST")) {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
        } else {
            request.GET();
        }
        long started = System.nanoTime();
        try {
            HttpResponse<Void> response =
                    client(destination).send(request.build(), HttpResponse.BodyHandlers.discarding());
            return SendResult.answered(
                    response.statusCode(),
                    retryAfter(response.headers().firstValue("Retry-After").orElse(null)),
                    elapsedMillis(started));
        } catch (HttpTimeoutException e) {
            return SendResult.failed("timeout after " + timeout.toMillis() + " ms", elapsedMillis(started));
        } catch (IOException e) {
            return SendResult.failed(
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    elapsedMillis(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendResult.failed("interrupted", elapsedMillis(started));
        }
    }

    private HttpClient client(Destination destination) {
        String key = destination.scheme() + "://" + destination.host();
        if (clients.size() > MAX_CLIENTS && !clients.containsKey(key)) {
            // Many distinct hosts: start over rather than keep idle connection pools forever.
            clients.values().forEach(HttpClient::shutdown);
            clients.clear();
        }
        return clients.computeIfAbsent(key, ignored -> newClient(destination));
    }

    private HttpClient newClient(Destination destination) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .executor(executor);
        if (destination.scheme().equals("https")) {
            SSLParameters parameters = tls.getDefaultSSLParameters();
            // The URL carries an address literal: name the host in SNI, which the JDK trust manager also checks the
            // certificate against (HttpsPinningIT shows that a certificate for another name is refused).
            parameters.setServerNames(List.of(new SNIHostName(destination.host())));
            builder.sslContext(tls).sslParameters(parameters);
        }
        return builder.build();
    }

    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }

    private static URI pinned(URI url, Destination destination) {
        String address = destination.address().getHostAddress();
        if (destination.address() instanceof Inet6Address) {
            int scope = address.indexOf('%');
            address = "[" + (scope < 0 ? address : address.substring(0, scope)) + "]";
        }
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
        return URI.create(destination.scheme() + "://" + address + ":" + destination.port() + path + query);
    }

    private static String hostHeader(Destination destination) {
        int defaultPort = destination.scheme().equals("https") ? 443 : 80;
        String host = destination.host().indexOf(':') >= 0 ? "[" + destination.host() + "]" : destination.host();
        return destination.port() == defaultPort ? host : host + ":" + destination.port();
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(
                        ZonedDateTime.now(), ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    @Override
    public void close() {
        clients.values().forEach(HttpClient::shutdownNow);
        clients.clear();
        executor.close();
    }

    /**
     * What became of one request.
     *
     * @param httpStatus the answer's status; null when there was none
     * @param retryAfter the receiver's {@code Retry-After}; null when absent
     * @param error short failure description; null when an answer arrived
     * @param refused whether the SSRF guard refused the destination (nothing was sent)
     * @param latencyMs time from sending to the answer or failure
     */
    public record SendResult(Integer httpStatus, Duration retryAfter, String error, boolean refused, long latencyMs) {

        static SendResult answered(int status, Duration retryAfter, long latencyMs) {
            return new SendResult(status, retryAfter, null, false, latencyMs);
        }

        static SendResult failed(String error, long latencyMs) {
            return new SendResult(null, null, error, false, latencyMs);
        }

        static SendResult refused(String error) {
            return new SendResult(null, null, error, true, 0);
        }
    }
}
