package io.signet.signworker.request;

import io.signet.schemas.SignFailed.ErrorCode;

/** Ends one sign request with a {@code SignFailed}: a permanent outcome, not retried by the error handler. */
final class SignFailure extends RuntimeException {

    private final ErrorCode code;

    SignFailure(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    ErrorCode code() {
        return code;
    }
}
