package io.signet.signworker.request;

import io.signet.schemas.SignetEvent;

/**
 * What one sign request produced, to be sent in the consuming transaction: one SignCompleted or SignFailed, or
 * nothing for a redundant copy of a request that has already ended elsewhere.
 *
 * @param event the result; null when there is none to send
 * @param traceparent the request's W3C traceparent, carried on to the event; null when absent
 */
public record SignOutcome(SignetEvent event, String traceparent) {

    /** No result: the request has ended elsewhere, and whatever this copy made is discarded. */
    static SignOutcome none(String traceparent) {
        return new SignOutcome(null, traceparent);
    }
}
