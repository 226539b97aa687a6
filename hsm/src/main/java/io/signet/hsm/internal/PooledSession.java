package io.signet.hsm.internal;

import java.util.concurrent.atomic.AtomicInteger;
import org.xipki.pkcs11.wrapper.Session;

/**
 * A PKCS#11 session owned by a {@link SessionPool}. Used by one thread at a time (between borrow and release).
 *
 * <p>{@link #liveKeys()} counts ephemeral key pairs created in this session and not yet destroyed: PKCS#11 destroys
 * session objects when the session that created them closes, so the pool never closes such a session while it is
 * still working.
 */
public final class PooledSession {

    private final Session session;
    private final AtomicInteger liveKeys = new AtomicInteger();
    private volatile long checkedEpoch;

    PooledSession(Session session, long epoch) {
        this.session = session;
        this.checkedEpoch = epoch;
    }

    public Session session() {
        return session;
    }

    public long handle() {
        return session.getSessionHandle();
    }

    public AtomicInteger liveKeys() {
        return liveKeys;
    }

    long checkedEpoch() {
        return checkedEpoch;
    }

    void checkedEpoch(long epoch) {
        this.checkedEpoch = epoch;
    }
}
