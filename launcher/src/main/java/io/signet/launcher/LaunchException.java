package io.signet.launcher;

/**
 * The launcher could not start Signet. The message is the one line printed on stderr: what is wrong and, where
 * possible, what to do. It never contains a password or PIN.
 */
public class LaunchException extends RuntimeException {

    public LaunchException(String message) {
        super(message);
    }

    public LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
