package io.signet.audit.api;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** GovStack error bodies: {@code {"status":{"code":"ERROR","message":…},"responseTimestamp":…}}, also for unknown paths under /v1/audit that the auditor check refuses. */
@RestControllerAdvice
public final class ApiErrors {

    private final Clock clock;

    public ApiErrors(Clock clock) {
        this.clock = clock;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> api(ApiException e) {
        return body(e.status(), e.getMessage());
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ResponseEntity<Map<String, Object>> badParameter(Exception e) {
        String name = e instanceof MethodArgumentTypeMismatchException m
                ? m.getName()
                : ((MissingServletRequestParameterException) e).getParameterName();
        return body(400, "invalid or missing parameter '" + name + "'");
    }

    ResponseEntity<Map<String, Object>> body(int status, String message) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "status", Map.of("code", "ERROR", "message", message),
                        "responseTimestamp",
                                clock.instant().truncatedTo(ChronoUnit.SECONDS).toString()));
    }
}
