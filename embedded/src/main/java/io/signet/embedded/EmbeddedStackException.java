package io.signet.embedded;

/**
 * A component of the embedded stack could not start. The message is one line meant for the person at the terminal
 * (what is wrong and, where possible, what to do); it never contains a password or PIN.
 */
public class EmbeddedStackException extends RuntimeException {

    public EmbeddedStackException(String message) {
        super(message);
    }

    public EmbeddedStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
