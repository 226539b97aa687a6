package io.signet.signworker.request;

import io.signet.schemas.SignetEvent;

/**
 * What one sign request produced, to be sent in the consuming transaction: exactly one SignCompleted or SignFailed.
 *
 * @param event the result
 * @param traceparent the request's W3C traceparent, carried on to the event; null when absent
 */
public record SignOutcome(SignetEvent event, String traceparent) {}
