package io.signet.notifier.delivery;

/** A callback URL that must not be called: wrong scheme, or a host resolving to an address that is not allowed. */
public final class RefusedDestinationException extends Exception {

    public RefusedDestinationException(String message) {
        super(message);
    }
}
