package io.signet.gateway.error;

/**
 * A copy of an exception chain for the log: every exception's type and stack trace, none of their messages. Driver
 * and library messages may quote request data (Jdbi puts a failed statement's bound arguments, the whole accepted
 * request with the signer's claims, into its message), which must never reach a log.
 */
final class RedactedException extends RuntimeException {

    /** A bound, so that a cyclic cause chain cannot loop. */
    private static final int MAX_DEPTH = 16;

    private RedactedException(Throwable original, Throwable cause) {
        super(original.getClass().getName(), cause, false, true);
        setStackTrace(original.getStackTrace());
    }

    static RedactedException of(Throwable failure) {
        return copy(failure, 0);
    }

    private static RedactedException copy(Throwable failure, int depth) {
        Throwable cause = failure.getCause();
        return new RedactedException(
                failure, cause == null || cause == failure || depth >= MAX_DEPTH ? null : copy(cause, depth + 1));
    }
}
