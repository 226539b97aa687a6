package io.signet.certworker.scd;

import org.springframework.http.HttpStatus;

/** A refusal of a /v1 request with its HTTP status; the message goes into the GovStack error body. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;

    public ApiException(HttpStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
