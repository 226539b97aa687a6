package io.signet.client.sign;

/** A call to Signet that did not give a result; {@link #kind()} says why, the message says it for a person. */
public final class SignetClientException extends RuntimeException {

    /** Why. */
    public enum Kind {
        /** No connection to the gateway. */
        UNREACHABLE,
        /** The gateway answered with an error status (4xx, 5xx); see the message. */
        REJECTED,
        /** The request ended in ERROR or EXPIRED. */
        FAILED,
        /** The result did not arrive within the caller's timeout. */
        TIMEOUT
    }

    private final Kind kind;

    public SignetClientException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public SignetClientException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
