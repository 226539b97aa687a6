package io.signet.signworker.request;

/**
 * Called by {@link SignRequestHandler} between the steps of one request, on the thread doing the work. The default
 * does nothing; operations can hook metrics in, and the crash tests stop a worker at a precise step with it.
 * Implementations must be thread-safe and must not log anything but the signatureId.
 */
public interface SignStepObserver {

    SignStepObserver NONE = new SignStepObserver() {};

    /** The one-time key exists in the HSM; nothing is signed yet. */
    default void keyGenerated(String signatureId) {}
}
