package io.signet.platform.identity;

/**
 * A signer token failed a check. The message names the check for the caller (it becomes a 401's message) and never
 * contains the token or its claims.
 */
public final class InvalidSignerTokenException extends RuntimeException {

    public InvalidSignerTokenException(String message) {
        super(message, null, false, false);
    }
}
