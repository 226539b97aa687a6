package io.signet.client.cli;

/** The exit codes of {@code signet}; README's "Command line" section lists the same. */
public final class ExitCodes {

    /** Done: signed, or the signature is valid (TOTAL_PASSED), or the audit checks hold. */
    public static final int OK = 0;
    /** The signature is not valid (DSS did not say TOTAL_PASSED), or an audit check failed. */
    public static final int INVALID = 1;
    /** Wrong command line: unknown option or value (e.g. format), missing argument or setting. */
    public static final int USAGE = 2;
    /** Unusable input: missing or unreadable file, a signature that is not CMS, no signature found. */
    public static final int INPUT = 3;
    /** The gateway is unreachable or refused the request. */
    public static final int GATEWAY = 4;
    /** Signet could not sign: the request ended in ERROR or EXPIRED, or no result came in time. */
    public static final int SIGNING_FAILED = 5;
    /** {@code signet bench} ran, but missed a target given with {@code --min-throughput} or {@code --max-p99}. */
    public static final int TARGET_MISSED = 6;
    /** A bug or an unexpected failure (the message says which). */
    public static final int SOFTWARE = 70;

    private ExitCodes() {}
}
