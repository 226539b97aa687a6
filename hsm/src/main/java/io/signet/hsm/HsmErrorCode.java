package io.signet.hsm;

/**
 * Stable error codes of the HSM library. The names are part of the contract (they end up in events and metrics);
 * add new codes, never rename. {@link #retryable()} says whether trying the same operation again later can help.
 */
public enum HsmErrorCode {
    /** The configured PKCS#11 module file does not exist. */
    MODULE_NOT_FOUND(false),
    /** The file exists but could not be loaded as a PKCS#11 module. */
    MODULE_INVALID(false),
    /** C_Initialize (or another module-wide call) failed. */
    MODULE_INIT_FAILED(false),
    /** No token with the configured label is present. */
    TOKEN_NOT_FOUND(false),
    /** A token should be initialised but no slot with an uninitialised token is free. */
    NO_FREE_SLOT(false),
    /** C_InitToken / C_InitPIN failed. */
    TOKEN_INIT_FAILED(false),
    /** The user PIN was rejected. */
    PIN_INCORRECT(false),
    /** The user PIN is locked on the token. */
    PIN_LOCKED(false),
    /** Login failed for another reason than a wrong or locked PIN. */
    LOGIN_FAILED(false),
    /** No session became free within the borrow timeout. */
    HSM_BUSY(true),
    /** The session or login was lost and could not be re-established within one retry. */
    SESSION_LOST(true),
    /** The device reported an error; it may recover. */
    DEVICE_ERROR(true),
    /** The key handle does not (or no longer) denote a key on the token. */
    KEY_NOT_FOUND(false),
    /** The algorithm or mechanism is not supported by this library or the token. */
    UNSUPPORTED_ALGORITHM(false),
    /** The caller passed an invalid argument (e.g. a digest of the wrong length). */
    INVALID_ARGUMENT(false),
    /** The token object was already closed. */
    CLOSED(false),
    /** Any other PKCS#11 failure. */
    OPERATION_FAILED(false);

    private final boolean retryable;

    HsmErrorCode(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether a later retry of the same operation can succeed. */
    public boolean retryable() {
        return retryable;
    }
}
