package io.signet.gateway.error;

import io.signet.platform.persistence.DatabaseUnavailable;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error raised while handling a request into the GovStack error body: our own {@link ApiException}s and
 * Spring MVC's standard ones (404 unknown path, 405 method, 415 content type, 400 unreadable body, 413 ...), which
 * {@link ResponseEntityExceptionHandler} funnels through {@link #handleExceptionInternal}.
 */
@RestControllerAdvice
public class GovStackErrorAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GovStackErrorAdvice.class);

    private final Clock clock;

    public GovStackErrorAdvice(Clock clock) {
        this.clock = clock;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<GovStackError> handleApi(ApiException e) {
        HttpHeaders headers = new HttpHeaders();
        e.headers().forEach(headers::set);
        return body(e.status(), e.getMessage(), headers);
    }

    /** No database connection within the pool's timeout: overload, answered so that clients back off. */
    @ExceptionHandler(ConnectionException.class)
    ResponseEntity<GovStackError> handleNoConnection(ConnectionException e) {
        log.warn(
                "No database connection available: {}",
                e.getCause() == null ? "?" : e.getCause().getClass().getName());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "1");
        return body(HttpStatus.SERVICE_UNAVAILABLE, "Service busy, retry later", headers);
    }

    /**
     * A statement failed. If PostgreSQL went away under it (stopped, restarting, connection cut), the request was not
     * accepted and the client should come back, as when no connection is available at all; anything else is a bug.
     */
    @ExceptionHandler(JdbiException.class)
    ResponseEntity<GovStackError> handleDatabase(JdbiException e) {
        Optional<String> sqlState = DatabaseUnavailable.sqlState(e);
        if (sqlState.isEmpty()) {
            return handleUnexpected(e);
        }
        log.warn("Database unavailable: {} (SQLState {})", e.getClass().getName(), sqlState.get());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "1");
        return body(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable, retry later", headers);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<GovStackError> handleUnexpected(Exception e) {
        // Types and stack traces only: messages of driver or library exceptions may echo request data.
        log.error("Unexpected error while handling a request: {}", e.getClass().getName(), RedactedException.of(e));
        return body(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", new HttpHeaders());
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        HttpStatus status = HttpStatus.resolve(statusCode.value());
        String message = status == null ? "Request failed" : messageFor(status);
        HttpHeaders copy = new HttpHeaders();
        if (headers != null) {
            copy.addAll(headers);
        }
        copy.setContentType(MediaType.APPLICATION_JSON);
        return ResponseEntity.status(statusCode).headers(copy).body(GovStackError.of(message, clock.instant()));
    }

    private ResponseEntity<GovStackError> body(HttpStatus status, String message, HttpHeaders headers) {
        headers.setContentType(MediaType.APPLICATION_JSON);
        return ResponseEntity.status(status).headers(headers).body(GovStackError.of(message, clock.instant()));
    }

    /** Fixed texts per status: Spring's exception messages can quote request content, so they are not echoed. */
    static String messageFor(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "Bad request: the request could not be read";
            case NOT_FOUND -> "Not found";
            case METHOD_NOT_ALLOWED -> "Method not allowed";
            case NOT_ACCEPTABLE -> "Not acceptable: this API answers application/json";
            case UNSUPPORTED_MEDIA_TYPE -> "Unsupported media type: Content-Type must be application/json";
            case CONTENT_TOO_LARGE -> "Request body too large";
            default -> status.getReasonPhrase();
        };
    }
}
