package io.signet.signworker.ltv;

/** Validation data for B-LT could not be gathered. */
public class LtvException extends RuntimeException {

    public LtvException(String message) {
        super(message);
    }

    public LtvException(String message, Throwable cause) {
        super(message, cause);
    }
}
