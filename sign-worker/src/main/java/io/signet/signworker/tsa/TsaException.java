package io.signet.signworker.tsa;

/** The TSA did not deliver a usable time-stamp. The message never contains the signature value. */
public class TsaException extends RuntimeException {

    public TsaException(String message) {
        super(message);
    }

    public TsaException(String message, Throwable cause) {
        super(message, cause);
    }
}
