package io.signet.signworker.request;

import io.signet.schemas.SignetEvent;
import java.util.List;

/**
 * What one sign request produced, to be sent in the consuming transaction: the deletion record of its key (when a
 * key was made) and exactly one SignCompleted or SignFailed.
 *
 * @param events the events, in sending order
 * @param traceparent the request's W3C traceparent, carried on to the events; null when absent
 */
public record SignOutcome(List<SignetEvent> events, String traceparent) {

    public SignOutcome {
        events = List.copyOf(events);
    }
}
