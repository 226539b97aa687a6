package io.signet.audit.head;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** DOWN once the stored log no longer matches a signed tree head (see {@link TreeHeadMaker}). Thread-safe. */
public final class AuditLogHealthIndicator implements HealthIndicator {

    private final TreeHeadMaker heads;

    public AuditLogHealthIndicator(TreeHeadMaker heads) {
        this.heads = heads;
    }

    @Override
    public Health health() {
        return heads.consistentWithSignedHeads()
                ? Health.up().build()
                : Health.down()
                        .withDetail("reason", "stored log does not match a signed tree head")
                        .build();
    }
}
