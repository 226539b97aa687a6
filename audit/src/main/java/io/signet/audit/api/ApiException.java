package io.signet.audit.api;

/** A request the API answers with a GovStack error body and this HTTP status. The message is shown to the caller. */
public final class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
