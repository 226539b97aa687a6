package io.signet.hsm.internal;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_DEVICE_ERROR;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_USER_NOT_LOGGED_IN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKS_RO_USER_FUNCTIONS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKS_RW_USER_FUNCTIONS;

import io.signet.hsm.HsmErrorCode;
import io.signet.hsm.HsmException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.PKCS11Constants.Category;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;

/**
 * Runs token operations on pooled sessions and recovers from lost sessions and logins.
 *
 * <p>When an operation fails with CKR_SESSION_HANDLE_INVALID, CKR_SESSION_CLOSED, CKR_USER_NOT_LOGGED_IN or
 * CKR_DEVICE_ERROR (or an invalid handle on a session that turns out to be logged out), the session is dropped or kept
 * for re-login, every pooled session is marked for a check, and the operation runs once more on another session if
 * the caller says that is safe. {@link #failing()} is true from such a failure until the next success.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
public final class RetryingExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(RetryingExecutor.class);

    /** A unit of work on one borrowed session. */
    @FunctionalInterface
    public interface SessionOperation<T> {
        T run(PooledSession session) throws PKCS11Exception;
    }

    private final SessionPool pool;
    private final String tokenLabel;
    private final PKCS11Module module;
    private volatile boolean failing;

    public RetryingExecutor(SessionPool pool, String tokenLabel, PKCS11Module module) {
        this.pool = pool;
        this.tokenLabel = tokenLabel;
        this.module = module;
    }

    /**
     * @param operation what is done, for messages ("sign with ECDSA_SHA256")
     * @param retrySafe whether running {@code body} twice is harmless (true for key generation, signing, look-ups)
     * @param borrowTimeout how long to wait for a session; null for the pool's default
     */
    public <T> T execute(String operation, boolean retrySafe, Duration borrowTimeout, SessionOperation<T> body) {
        for (int attempt = 1; ; attempt++) {
            PooledSession session = borrow(borrowTimeout);
            try {
                T result = body.run(session);
                pool.release(session);
                failing = false;
                return result;
            } catch (PKCS11Exception e) {
                long ckr = effectiveCode(session, e.getErrorCode());
                if (!Pkcs11Errors.isSessionProblem(ckr)) {
                    pool.release(session);
                    throw Pkcs11Errors.toException(operation, tokenLabel, e);
                }
                failing = true;
                recover(session, ckr);
                if (!retrySafe || attempt >= 2) {
                    throw Pkcs11Errors.toException(operation, tokenLabel, e);
                }
                LOG.warn(
                        "{} on token '{}' hit {} (taken as {}); session re-established, retrying once",
                        operation,
                        tokenLabel,
                        e.getErrorName(),
                        module.codeToName(Category.CKR, ckr));
            } catch (RuntimeException | Error e) {
                pool.release(session);
                throw e;
            }
        }
    }

    /** Whether the last operation failed at session, login or device level (and none succeeded since). */
    public boolean failing() {
        return failing;
    }

    /** Whether the session answers and its token is logged in for the user. */
    public static boolean loggedIn(PooledSession session) {
        try {
            long state = session.session().getSessionInfo().getState();
            return state == CKS_RW_USER_FUNCTIONS || state == CKS_RO_USER_FUNCTIONS;
        } catch (PKCS11Exception e) {
            return false;
        }
    }

    private PooledSession borrow(Duration timeout) {
        try {
            return timeout == null ? pool.borrow() : pool.borrow(timeout);
        } catch (HsmException e) {
            if (e.code() != HsmErrorCode.HSM_BUSY) {
                failing = true; // could not open or log in a session: the token is not usable right now
            }
            throw e;
        }
    }

    /**
     * An invalid object handle can mean that the login was lost (logout invalidates handles of private objects) or the
     * session is gone; only a look at the session tells.
     */
    private static long effectiveCode(PooledSession session, long ckr) {
        if (!Pkcs11Errors.isHandleInvalid(ckr)) {
            return ckr;
        }
        try {
            long state = session.session().getSessionInfo().getState();
            return state == CKS_RW_USER_FUNCTIONS || state == CKS_RO_USER_FUNCTIONS ? ckr : CKR_USER_NOT_LOGGED_IN;
        } catch (PKCS11Exception e) {
            return e.getErrorCode();
        }
    }

    /** After a session-level failure: keep what still works, drop what is dead, and have the rest re-checked. */
    private void recover(PooledSession session, long ckr) {
        pool.invalidateAll(); // e.g. all sessions closed or login lost: every pooled session is suspect
        if (ckr == CKR_USER_NOT_LOGGED_IN || (ckr == CKR_DEVICE_ERROR && pool.answers(session))) {
            pool.release(session); // the session lives (with its keys); it is logged in again on its next borrow
        } else {
            pool.discard(session);
        }
    }
}
