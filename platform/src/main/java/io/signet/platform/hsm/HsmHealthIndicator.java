package io.signet.platform.hsm;

import io.signet.hsm.KeyStoreToken;
import io.signet.hsm.PoolStats;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * UP while the token answers and the login holds, with the session pool's figures as details. The check itself
 * repairs broken sessions (see {@link KeyStoreToken#healthy()}). Thread-safe.
 */
public final class HsmHealthIndicator implements HealthIndicator {

    private final KeyStoreToken token;

    public HsmHealthIndicator(KeyStoreToken token) {
        this.token = token;
    }

    @Override
    public Health health() {
        boolean healthy = token.healthy();
        PoolStats stats = token.poolStats();
        Health.Builder builder = healthy ? Health.up() : Health.down();
        return builder.withDetail("tokenLabel", token.tokenLabel())
                .withDetail("maxSessions", stats.maxSessions())
                .withDetail("openSessions", stats.openSessions())
                .withDetail("idleSessions", stats.idleSessions())
                .withDetail("borrowedSessions", stats.borrowedSessions())
                .withDetail("liveEphemeralKeys", stats.liveEphemeralKeys())
                .withDetail("borrowTimeouts", stats.borrowTimeouts())
                .withDetail("sessionsDiscarded", stats.sessionsDiscarded())
                .build();
    }
}
