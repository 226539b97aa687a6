package io.signet.certworker.scd;

import io.signet.certworker.scd.ScdApi.ErrorResponse;
import io.signet.platform.persistence.DatabaseUnavailable;
import java.time.Clock;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every /v1/cert failure as the GovStack error body. Internal errors say nothing about their cause; while PostgreSQL is
 * unavailable the answer is {@code 503} with {@code Retry-After}, so a client comes back instead of giving up.
 */
// Before the shared DatabaseUnavailableAdvice: the certificate API answers with its own error bodies.
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(assignableTypes = ScdCertController.class)
public class ScdErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ScdErrors.class);

    private final Clock clock;

    public ScdErrors(Clock clock) {
        this.clock = clock;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ErrorResponse> refused(ApiException e) {
        return body(e.status(), e.getMessage());
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, HttpMediaTypeNotSupportedException.class})
    ResponseEntity<ErrorResponse> unreadable(Exception e) {
        return body(HttpStatus.BAD_REQUEST, "request body is not the expected JSON");
    }

    @ExceptionHandler(JdbiException.class)
    ResponseEntity<ErrorResponse> databaseFailed(JdbiException e) {
        if (!DatabaseUnavailable.explains(e)) {
            return failed(e);
        }
        LOG.warn(
                "database unavailable, certificate API answered 503: {}",
                e.getClass().getSimpleName());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(ErrorResponse.of("service unavailable, retry later", clock.instant()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorResponse> failed(Exception e) {
        LOG.error("certificate API request failed", e);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, "internal error");
    }

    private ResponseEntity<ErrorResponse> body(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(ErrorResponse.of(message, clock.instant()));
    }
}
