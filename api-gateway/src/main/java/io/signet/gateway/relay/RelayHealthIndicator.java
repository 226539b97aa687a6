package io.signet.gateway.relay;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health contributor {@code relay}: whether this instance is the active relay, what it published, whether the slot
 * is being streamed from, and the slot's lag in bytes. The lag is a detail, not a failure: a standby instance or a
 * busy relay is healthy; the metric {@code signet.relay.slot.lag} is what alerts should use.
 */
public class RelayHealthIndicator extends AbstractHealthIndicator {

    private final ReplicationSlot slot;
    private final OutboxRelay relay;

    public RelayHealthIndicator(ReplicationSlot slot, OutboxRelay relay) {
        super("Relay health check failed");
        this.slot = slot;
        this.relay = relay;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up()
                .withDetail("running", relay.isRunning())
                .withDetail("active", relay.isActive())
                .withDetail("published", relay.published())
                .withDetail("slot", slot.name())
                .withDetail("slotStreaming", slot.inUse())
                .withDetail("slotLagBytes", slot.lagBytes().orElse(-1L));
    }
}
