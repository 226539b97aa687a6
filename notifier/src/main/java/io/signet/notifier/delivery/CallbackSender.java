package io.signet.notifier.delivery;

import io.signet.notifier.delivery.DestinationGuard.Destination;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends one callback request with Apache HttpClient (classic, blocking; each attempt runs on its own virtual thread):
 * redirects never followed, nothing retried behind the schedule's back, a deadline on the whole exchange, and the
 * connection made to the address that {@link DestinationGuard} checked. The request keeps the URL's host name, so
 * the {@code Host} header, SNI and the certificate's name check use it while the socket goes to the checked address
 * (the client is never allowed to resolve a name itself). Connections are pooled per host name and address, so a
 * keep-alive connection is only reused for the address it was checked and opened for. Thread-safe.
 */
public final class CallbackSender implements AutoCloseable {

    /** Connections kept open to all hosts together. */
    private static final int MAX_CONNECTIONS = 1024;

    private final DestinationGuard guard;
    private final Duration timeout;
    private final CloseableHttpClient client;
    private final ScheduledExecutorService deadlines;

    /** With the JVM's default TLS context (its trust store). */
    public CallbackSender(DestinationGuard guard, Duration timeout, int maxConcurrencyPerHost) {
        this(guard, timeout, maxConcurrencyPerHost, defaultTls());
    }

    /**
     * @param maxConcurrencyPerHost connections kept to one host at most (the dispatcher's per-host bound)
     * @param tls TLS context of https callbacks: whom to trust (the JVM's default in production; tests trust their own
     *     receiver's certificate)
     */
    public CallbackSender(DestinationGuard guard, Duration timeout, int maxConcurrencyPerHost, SSLContext tls) {
        this.guard = guard;
        this.timeout = timeout;
        Timeout limit = Timeout.of(timeout);
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setTlsSocketStrategy(new DefaultClientTlsStrategy(tls))
                .setDnsResolver(new RefusingDnsResolver())
                .setMaxConnPerRoute(maxConcurrencyPerHost)
                .setMaxConnTotal(Math.max(MAX_CONNECTIONS, maxConcurrencyPerHost))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(limit)
                        .setSocketTimeout(limit)
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .build())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .setRetryStrategy(new ResendOnClosedConnection())
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent("Signet-Notifier")
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(limit)
                        .setResponseTimeout(limit)
                        .build())
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
        this.deadlines = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("callback-deadlines").daemon().factory());
    }

    /** Sends the request; never throws for network or HTTP failures, which are reported in the result. */
    public SendResult send(String method, URI url, String body, Map<String, String> headers) {
        Destination destination;
        try {
            destination = guard.check(url);
        } catch (RefusedDestinationException e) {
            return SendResult.refused(e.getMessage());
        }
        HttpUriRequestBase request;
        if (method.equals("POST")) {
            HttpPost post = new HttpPost(url);
            post.setEntity(new StringEntity(body == null ? "" : body, ContentType.APPLICATION_JSON));
            request = post;
        } else {
            request = new HttpGet(url);
        }
        headers.forEach(request::setHeader);
        HttpHost target =
                new HttpHost(destination.scheme(), destination.address(), destination.host(), destination.port());
        long started = System.nanoTime();
        // The timeouts above bound each connect, read and wait for a pooled connection; this bounds the whole exchange,
        // so a receiver that trickles its answer cannot hold an attempt (and a slot of its host) for long.
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(
                () -> {
                    expired.set(true);
                    request.cancel();
                },
                timeout.toNanos(),
                TimeUnit.NANOSECONDS);
        try {
            return client.execute(
                    target,
                    request,
                    response -> SendResult.answered(
                            response.getCode(),
                            retryAfter(headerValue(response.getFirstHeader("Retry-After"))),
                            elapsedMillis(started)));
        } catch (IOException | RuntimeException e) {
            if (expired.get() || e instanceof SocketTimeoutException) {
                return SendResult.failed("timeout after " + timeout.toMillis() + " ms", elapsedMillis(started));
            }
            return SendResult.failed(
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    elapsedMillis(started));
        } finally {
            deadline.cancel(false);
        }
    }

    private static String headerValue(Header header) {
        return header == null ? null : header.getValue();
    }

    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }

    /**
     * Sends a request again, at once and at most {@value #RESENDS} times, when the connection closed without any answer:
     * a receiver may close an idle keep-alive connection just as a callback is written to it (the JDK's HTTP server
     * closes idle connections beyond 200 at once), which says nothing about the receiver, and the next pooled
     * connection may have met the same fate. Nothing else is retried here: the delivery schedule decides, and records,
     * every other failure.
     */
    private static final class ResendOnClosedConnection implements HttpRequestRetryStrategy {
        private static final int RESENDS = 3;

        @Override
        public boolean retryRequest(HttpRequest request, IOException exception, int execCount, HttpContext context) {
            return execCount <= RESENDS && exception instanceof NoHttpResponseException;
        }

        @Override
        public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
            return false;
        }

        @Override
        public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
            return TimeValue.ZERO_MILLISECONDS;
        }
    }

    /**
     * Every request names the address the guard checked, so the client has no name to resolve; if it ever tried, that
     * would bypass the guard, hence a refusal instead of a lookup.
     */
    private static final class RefusingDnsResolver implements DnsResolver {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            throw new UnknownHostException("callbacks connect to checked addresses only, not to " + host);
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            throw new UnknownHostException("callbacks connect to checked addresses only, not to " + host);
        }
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
        deadlines.shutdownNow();
        client.close(CloseMode.IMMEDIATE);
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
