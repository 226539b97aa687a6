package io.signet.signworker.request;

import java.util.function.BooleanSupplier;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Whether this sign-worker has begun to stop. Spring publishes the closed event before it stops anything, so a batch
 * still running from then on knows that failures it meets now (a stopped certificate client, a closed HSM token) may
 * be its own service going away rather than anything about the request. Thread-safe.
 */
final class ShutdownSignal implements ApplicationListener<ContextClosedEvent>, BooleanSupplier {

    private volatile boolean stopping;

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        stopping = true;
    }

    /** True once the service has begun to stop. */
    @Override
    public boolean getAsBoolean() {
        return stopping;
    }
}
