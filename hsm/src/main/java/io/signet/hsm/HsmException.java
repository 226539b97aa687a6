package io.signet.hsm;

/**
 * Failure of an HSM operation. The message is one line meant for operators and never contains a PIN, key material
 * or signature value.
 */
public class HsmException extends RuntimeException {

    private final HsmErrorCode code;

    public HsmException(HsmErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public HsmException(HsmErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public HsmErrorCode code() {
        return code;
    }

    /** Whether a later retry of the same operation can succeed (see {@link HsmErrorCode#retryable()}). */
    public boolean retryable() {
        return code.retryable();
    }
}
