package io.signet.platform.web;

import io.signet.platform.persistence.DatabaseUnavailable;
import java.util.Map;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * While PostgreSQL is unavailable, a service's endpoints answer {@code 503} with {@code Retry-After} and log one WARN
 * line, instead of a {@code 500} with a stack trace per request: callers (the gateway, sign-worker, operators) are told
 * to come back. Any other database failure is left to the default handling (a bug: {@code 500}, logged in full).
 * Not component-scanned: a service takes it with {@code @Import}; the gateway answers with GovStack bodies instead.
 */
@RestControllerAdvice
public class DatabaseUnavailableAdvice {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableAdvice.class);

    @ExceptionHandler(JdbiException.class)
    ResponseEntity<Map<String, String>> databaseFailed(JdbiException e) throws JdbiException {
        if (!DatabaseUnavailable.explains(e)) {
            throw e; // not ours to answer: the default handling takes over
        }
        log.warn("database unavailable, answered 503: {}", e.getClass().getSimpleName());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(Map.of("error", "database unavailable, retry later"));
    }
}
