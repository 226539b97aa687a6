package io.signet.hsm.internal;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_USER_ALREADY_LOGGED_IN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKS_RO_USER_FUNCTIONS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKS_RW_USER_FUNCTIONS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKU_USER;

import io.signet.hsm.HsmErrorCode;
import io.signet.hsm.HsmException;
import io.signet.hsm.PoolStats;
import java.time.Duration;
import java.util.Arrays;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Token;

/**
 * A bounded pool of logged-in read-write sessions on one token.
 *
 * <p>Sessions are opened lazily up to the maximum and are never closed while the pool lives unless they are proven
 * broken: closing a session destroys the ephemeral keys created in it. The user logs in once (login state is shared
 * by all sessions of the token in this process); after a failure the pool bumps an epoch, and sessions last checked in
 * an older epoch are probed (C_GetSessionInfo) and logged in again when borrowed. The pool never calls C_Logout or
 * C_CloseAllSessions, because both would also hit other users of the same token in this process.
 *
 * <p>Thread-safety: safe for concurrent use; a borrowed session belongs to the borrowing thread until released.
 */
public final class SessionPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SessionPool.class);

    private final Token token;
    private final String tokenLabel;
    private final char[] pin;
    private final int maxSessions;
    private final Duration borrowTimeout;
    private final Consumer<PooledSession> onDiscard;
    private final Semaphore permits;
    private final Deque<PooledSession> idle = new ConcurrentLinkedDeque<>();
    private final Set<PooledSession> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong epoch = new AtomicLong();
    private final AtomicLong borrowTimeouts = new AtomicLong();
    private final AtomicLong discarded = new AtomicLong();
    private final Object loginLock = new Object();
    private volatile HsmException loginRefused;
    private volatile boolean closed;

    /**
     * @param pin the user PIN; the pool keeps its own copy and wipes it on close
     * @param onDiscard told about every session dropped as broken (its session objects are gone)
     */
    public SessionPool(
            Token token,
            String tokenLabel,
            char[] pin,
            int maxSessions,
            Duration borrowTimeout,
            Consumer<PooledSession> onDiscard) {
        this.token = token;
        this.tokenLabel = tokenLabel;
        this.pin = pin.clone();
        this.maxSessions = maxSessions;
        this.borrowTimeout = borrowTimeout;
        this.onDiscard = onDiscard;
        this.permits = new Semaphore(maxSessions, true);
    }

    public PooledSession borrow() {
        return borrow(borrowTimeout);
    }

    /**
     * A logged-in session, waiting at most {@code timeout} for one to become free.
     *
     * @throws HsmException HSM_BUSY (retryable) on timeout; login or open failures with their own codes
     */
    public PooledSession borrow(Duration timeout) {
        checkOpen();
        acquirePermit(timeout);
        try {
            PooledSession pooled;
            while ((pooled = idle.pollFirst()) != null) {
                if (pooled.checkedEpoch() == epoch.get() || revalidate(pooled)) {
                    return pooled;
                }
                drop(pooled);
            }
            return openNew();
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /** Returns a healthy session to the pool. */
    public void release(PooledSession pooled) {
        if (closed) {
            closeQuietly(pooled);
        } else {
            idle.offerFirst(pooled); // LIFO keeps a few sessions hot
        }
        permits.release();
    }

    /** Drops a borrowed session that is broken (closing it, in case it is not quite dead yet). */
    public void discard(PooledSession pooled) {
        drop(pooled);
        permits.release();
    }

    /** Whether a borrowed session still answers C_GetSessionInfo. */
    public boolean answers(PooledSession pooled) {
        try {
            pooled.session().getSessionInfo();
            return true;
        } catch (PKCS11Exception e) {
            return false;
        }
    }

    /** Marks every session as suspect: each is probed (and logged in again if needed) on its next borrow. */
    public void invalidateAll() {
        epoch.incrementAndGet();
    }

    public PoolStats stats() {
        int openCount = open.size();
        int idleCount = idle.size();
        int liveKeys = open.stream().mapToInt(p -> p.liveKeys().get()).sum();
        return new PoolStats(
                maxSessions,
                openCount,
                idleCount,
                Math.max(0, openCount - idleCount),
                liveKeys,
                borrowTimeouts.get(),
                discarded.get());
    }

    /** Closes every session of this pool (borrowed ones too) and wipes the PIN copy. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (PooledSession pooled : open) {
            closeQuietly(pooled);
        }
        open.clear();
        idle.clear();
        Arrays.fill(pin, '\0');
    }

    private void acquirePermit(Duration timeout) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HsmException(
                    HsmErrorCode.HSM_BUSY, "interrupted while waiting for a session on token '" + tokenLabel + "'");
        }
        if (!acquired) {
            borrowTimeouts.incrementAndGet();
            throw new HsmException(
                    HsmErrorCode.HSM_BUSY,
                    "no free session on token '" + tokenLabel + "' within " + timeout.toMillis() + " ms (pool size "
                            + maxSessions + ")");
        }
        if (closed) {
            permits.release();
            checkOpen();
        }
    }

    /** Probes a session from an older epoch; logs in again if the login was lost. False if the session is dead. */
    private boolean revalidate(PooledSession pooled) {
        long current = epoch.get();
        try {
            pooled.session().getSessionInfo();
        } catch (PKCS11Exception e) {
            LOG.debug("session on token '{}' is gone ({})", tokenLabel, e.getErrorName());
            return false;
        }
        try {
            ensureLoggedIn(pooled.session());
        } catch (HsmException e) {
            idle.offerFirst(pooled); // the session itself is fine; only the login failed
            throw e;
        }
        pooled.checkedEpoch(current);
        return true;
    }

    private PooledSession openNew() {
        checkOpen();
        Session session;
        try {
            session = token.openSession(true);
        } catch (PKCS11Exception e) {
            throw Pkcs11Errors.toException("C_OpenSession", tokenLabel, e);
        }
        PooledSession pooled = new PooledSession(session, epoch.get());
        try {
            ensureLoggedIn(session);
        } catch (RuntimeException e) {
            closeQuietly(pooled);
            throw e;
        }
        open.add(pooled);
        return pooled;
    }

    /**
     * Logs the token in unless it is. After the token refused the PIN the pool makes no further attempt: each would
     * count against the HSM's retry limit, and a health check every few seconds would soon lock the PIN. A restart with
     * the right PIN is needed then.
     */
    private void ensureLoggedIn(Session session) {
        synchronized (loginLock) {
            long state;
            try {
                state = session.getSessionInfo().getState();
            } catch (PKCS11Exception e) {
                throw Pkcs11Errors.toException("C_GetSessionInfo", tokenLabel, e);
            }
            if (state == CKS_RW_USER_FUNCTIONS || state == CKS_RO_USER_FUNCTIONS) {
                return;
            }
            HsmException refused = loginRefused;
            if (refused != null) {
                throw new HsmException(
                        refused.code(),
                        refused.getMessage() + " (earlier; not retried, to spare the PIN retry counter)",
                        refused);
            }
            try {
                session.login(CKU_USER, pin);
                LOG.info("logged in to token '{}'", tokenLabel);
            } catch (PKCS11Exception e) {
                if (e.getErrorCode() == CKR_USER_ALREADY_LOGGED_IN) {
                    return;
                }
                HsmException failure = Pkcs11Errors.loginFailed(tokenLabel, e);
                if (!failure.retryable()) {
                    loginRefused = failure;
                    LOG.error("{}; this token instance will not try to log in again", failure.getMessage());
                }
                throw failure;
            }
        }
    }

    private void drop(PooledSession pooled) {
        open.remove(pooled);
        discarded.incrementAndGet();
        closeQuietly(pooled);
        onDiscard.accept(pooled);
    }

    private static void closeQuietly(PooledSession pooled) {
        try {
            pooled.session().closeSession();
        } catch (PKCS11Exception e) {
            // Usually CKR_SESSION_HANDLE_INVALID: the session was already gone, which is why it is dropped.
            LOG.debug("closing a session failed: {}", e.getErrorName());
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new HsmException(HsmErrorCode.CLOSED, "token '" + tokenLabel + "' is closed");
        }
    }
}
