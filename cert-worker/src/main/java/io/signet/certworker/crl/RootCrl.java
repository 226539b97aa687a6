package io.signet.certworker.crl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The root's CRL (an authority revocation list): it lists CA certificates the root revoked, which so far is none, so it
 * is issued on demand, kept in memory and reissued when half its validity has passed. The CRL number is the issue time
 * in epoch seconds, increasing across restarts. Thread-safe.
 */
public final class RootCrl {

    /** How long one root CRL is valid (its nextUpdate). */
    static final Duration VALIDITY = Duration.ofDays(7);

    private final CrlIssuer issuer;
    private final Clock clock;
    private volatile Issued current;

    public RootCrl(CrlIssuer issuer, Clock clock) {
        this.issuer = issuer;
        this.clock = clock;
    }

    /** The current DER CRL. */
    public Issued current() {
        Instant now = clock.instant();
        Issued issued = current;
        if (issued == null || now.isAfter(issued.thisUpdate().plus(VALIDITY.dividedBy(2)))) {
            synchronized (this) {
                issued = current;
                if (issued == null || now.isAfter(issued.thisUpdate().plus(VALIDITY.dividedBy(2)))) {
                    issued = new Issued(issuer.issue(now.getEpochSecond(), now, now.plus(VALIDITY), List.of()), now);
                    current = issued;
                }
            }
        }
        return issued;
    }

    /** A DER CRL and when it was issued. */
    public record Issued(byte[] der, Instant thisUpdate) {}
}
