package io.signet.signworker.claims;

/** cert-worker could not be asked or gave no usable answer; the batch must not be signed. Retryable. */
public class ClaimsUnavailableException extends RuntimeException {

    public ClaimsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public ClaimsUnavailableException(String message) {
        super(message);
    }
}
