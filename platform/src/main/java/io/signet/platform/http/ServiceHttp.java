package io.signet.platform.http;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Blocking HTTP/1.1 for calls to a fixed, configured endpoint (another Signet service, a TSA): pooled keep-alive
 * connections, one timeout for connecting, each read and waiting for a pooled connection, no redirects, no cookies and
 * no retries (callers decide how often to try). Apache HttpClient's classic API: on virtual threads it costs a
 * fraction of the JDK client's asynchronous machinery per call. Thread-safe.
 */
public final class ServiceHttp implements AutoCloseable {

    private final CloseableHttpClient client;
    private final RequestConfig defaults;

    /**
     * @param timeout bound on connecting, on each wait for data and on waiting for a pooled connection
     * @param maxConnections connections kept to the endpoint at most (calls beyond wait for one)
     */
    public ServiceHttp(Duration timeout, int maxConnections) {
        Timeout limit = Timeout.of(timeout);
        this.defaults = RequestConfig.custom()
                .setConnectionRequestTimeout(limit)
                .setResponseTimeout(limit)
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(maxConnections)
                        .setMaxConnTotal(maxConnections)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(limit)
                                .setSocketTimeout(limit)
                                // A server may close a connection it finds idle; check one idle for a second before
                                // reuse, and drop those idle longer than servers usually keep them (Tomcat: 20 s).
                                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                                .build())
                        .build())
                .evictIdleConnections(TimeValue.ofSeconds(10))
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setDefaultRequestConfig(defaults)
                .build();
    }

    /** POSTs {@code body} with its content type and the given extra headers. */
    public Response post(URI url, String contentType, byte[] body, Map<String, String> headers) throws IOException {
        HttpPost post = new HttpPost(url);
        post.setEntity(new ByteArrayEntity(body, ContentType.parse(contentType)));
        return execute(post, headers);
    }

    /** GETs {@code url} with the given headers. */
    public Response get(URI url, Map<String, String> headers) throws IOException {
        return execute(new HttpGet(url), headers);
    }

    /** GETs {@code url} with the given headers, waiting up to {@code answerWithin} for data instead of the default. */
    public Response get(URI url, Map<String, String> headers, Duration answerWithin) throws IOException {
        HttpGet get = new HttpGet(url);
        get.setConfig(RequestConfig.copy(defaults)
                .setResponseTimeout(Timeout.of(answerWithin))
                .build());
        return execute(get, headers);
    }

    private Response execute(HttpUriRequestBase request, Map<String, String> headers) throws IOException {
        headers.forEach(request::setHeader);
        return client.execute(
                request,
                response -> new Response(
                        response.getCode(),
                        response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity())));
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }

    /**
     * An answer.
     *
     * @param status the HTTP status code
     * @param body the body, empty when there was none
     */
    public record Response(int status, byte[] body) {}
}
