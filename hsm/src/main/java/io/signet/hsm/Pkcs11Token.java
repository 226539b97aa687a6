package io.signet.hsm;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_USER_NOT_LOGGED_IN;

import io.signet.hsm.internal.ModuleLease;
import io.signet.hsm.internal.ModuleRegistry;
import io.signet.hsm.internal.Pkcs11Errors;
import io.signet.hsm.internal.PooledSession;
import io.signet.hsm.internal.PublicKeys;
import io.signet.hsm.internal.RetryingExecutor;
import io.signet.hsm.internal.RetryingExecutor.SessionOperation;
import io.signet.hsm.internal.SessionPool;
import io.signet.hsm.internal.SlotFinder;
import io.signet.hsm.internal.TokenOps;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Slot;

/**
 * {@link KeyStoreToken} on a PKCS#11 token, through a bounded {@link SessionPool}.
 *
 * <p>Recovery (see {@link RetryingExecutor}): after CKR_SESSION_HANDLE_INVALID, CKR_SESSION_CLOSED,
 * CKR_USER_NOT_LOGGED_IN or CKR_DEVICE_ERROR the session is re-established and the operation retried once where that
 * is safe (key generation, signing, look-ups; not destroy, whose outcome would be unknown). {@link #healthy()} is
 * false while operations keep failing that way.
 *
 * <p>Ephemeral keys are session objects and any session of this process can use them, but they die with the session
 * that created them. The pool never closes a working session, so the keys live until {@link #destroy} or
 * {@link #close}; when a session is lost the keys made in it are forgotten and later use gives KEY_NOT_FOUND.
 *
 * <p>Thread-safety: all methods may be called concurrently.
 */
public final class Pkcs11Token implements KeyStoreToken {

    private static final Logger LOG = LoggerFactory.getLogger(Pkcs11Token.class);
    private static final Duration HEALTH_BORROW_TIMEOUT = Duration.ofMillis(500);
    /** How long {@link #close} waits for operations already running. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final ModuleLease lease;
    private final Slot slot;
    private final String label;
    private final SessionPool pool;
    /** Live ephemeral keys: private key handle -> the session that created it. */
    private final Map<Long, PooledSession> ephemeralOwners = new ConcurrentHashMap<>();
    /** Current private handles of long-term keys whose handle changed since their KeyHandle was made. */
    private final Map<KeyId, Long> persistentHandles = new ConcurrentHashMap<>();

    private final RetryingExecutor executor;
    private final AtomicBoolean closed = new AtomicBoolean();
    /**
     * Operations between their start and their end. {@link #close} waits for them before it closes sessions and
     * lets go of the module: a call into a finalised module crashes the JVM (SoftHSM2 does), it does not fail.
     */
    private final AtomicInteger running = new AtomicInteger();

    private Pkcs11Token(ModuleLease lease, Slot slot, HsmConfig config) {
        this.lease = lease;
        this.slot = slot;
        this.label = config.tokenLabel();
        this.pool = new SessionPool(
                slot.getToken(),
                label,
                config.pin(),
                config.sessionPoolSize(),
                config.borrowTimeout(),
                this::forgetKeysOf);
        this.executor = new RetryingExecutor(pool, label, lease.module());
    }

    /**
     * Loads (or shares) the module, finds the token by label and logs in with one session, so configuration errors
     * surface here with one clear line.
     *
     * @throws HsmException MODULE_NOT_FOUND, MODULE_INVALID, TOKEN_NOT_FOUND, PIN_INCORRECT, PIN_LOCKED, LOGIN_FAILED
     */
    public static Pkcs11Token open(HsmConfig config) {
        ModuleLease lease = ModuleRegistry.acquire(config.modulePath());
        try {
            Slot slot = SlotFinder.byLabel(lease.module(), config.tokenLabel())
                    .orElseThrow(() -> new HsmException(
                            HsmErrorCode.TOKEN_NOT_FOUND,
                            "token '" + config.tokenLabel() + "' not found in PKCS#11 module " + config.modulePath()
                                    + "; available: " + SlotFinder.labels(lease.module())));
            Pkcs11Token token = new Pkcs11Token(lease, slot, config);
            try {
                token.pool.release(token.pool.borrow());
            } catch (RuntimeException e) {
                token.pool.close();
                throw e;
            }
            LOG.info("opened token '{}' (pool size {})", config.tokenLabel(), config.sessionPoolSize());
            return token;
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    @Override
    public String tokenLabel() {
        return label;
    }

    @Override
    public KeyHandle generateEphemeral(KeyAlgorithm algorithm) {
        return execute("generate ephemeral " + algorithm + " key", true, session -> {
            KeyHandle key = TokenOps.generate(session.session(), label, algorithm, EPHEMERAL_LABEL, false);
            session.liveKeys().incrementAndGet();
            ephemeralOwners.put(key.privateKeyHandle(), session);
            return key;
        });
    }

    @Override
    public KeyHandle generateLongTerm(String keyLabel, KeyAlgorithm algorithm) {
        if (keyLabel == null || keyLabel.isBlank() || EPHEMERAL_LABEL.equals(keyLabel)) {
            throw new HsmException(HsmErrorCode.INVALID_ARGUMENT, "invalid long-term key label '" + keyLabel + "'");
        }
        return execute("generate long-term " + algorithm + " key '" + keyLabel + "'", true, session -> {
            if (TokenOps.findLongTerm(session.session(), label, keyLabel).isPresent()) {
                throw new HsmException(
                        HsmErrorCode.INVALID_ARGUMENT,
                        "long-term key '" + keyLabel + "' already exists on token '" + label + "'");
            }
            return TokenOps.generate(session.session(), label, algorithm, keyLabel, true);
        });
    }

    @Override
    public Optional<KeyHandle> findLongTerm(String keyLabel) {
        return execute(
                "find long-term key '" + keyLabel + "'",
                true,
                session -> TokenOps.findLongTerm(session.session(), label, keyLabel));
    }

    @Override
    public PublicKey publicKey(KeyHandle key) {
        requireOwn(key);
        return key.publicKey();
    }

    @Override
    public byte[] sign(KeyHandle key, SignatureAlgorithm algorithm, byte[] digest) {
        requireOwn(key);
        if (algorithm.keyFamily() != key.algorithm().family()) {
            throw new HsmException(
                    HsmErrorCode.INVALID_ARGUMENT, algorithm + " cannot be used with a " + key.algorithm() + " key");
        }
        if (digest == null || digest.length != algorithm.digest().length()) {
            throw new HsmException(
                    HsmErrorCode.INVALID_ARGUMENT,
                    algorithm + " needs a " + algorithm.digest().length() + "-byte digest, got "
                            + (digest == null ? "none" : digest.length + " bytes"));
        }
        try {
            return execute("sign with " + algorithm, true, session -> {
                requireAlive(key); // inside the retry: a lost session may have taken the key with it
                return withPrivateKey(
                        session, key, handle -> TokenOps.sign(session.session(), handle, algorithm, digest));
            });
        } catch (HsmException e) {
            if (e.code() == HsmErrorCode.KEY_NOT_FOUND) {
                forget(key);
            }
            throw e;
        }
    }

    @Override
    public boolean verifyEcdsa(
            SubjectPublicKeyInfo key, SignatureAlgorithm algorithm, byte[] digest, byte[] signature) {
        if (algorithm.scheme() != SignatureAlgorithm.Scheme.ECDSA) {
            throw new HsmException(HsmErrorCode.INVALID_ARGUMENT, algorithm + " is not ECDSA");
        }
        if (digest == null || digest.length != algorithm.digest().length()) {
            throw new HsmException(
                    HsmErrorCode.INVALID_ARGUMENT,
                    algorithm + " needs a " + algorithm.digest().length() + "-byte digest");
        }
        PublicKeys.EcPoint point = PublicKeys.ecPoint(key);
        return execute(
                "verify with " + algorithm,
                true,
                session -> TokenOps.verifyEcdsa(
                        session.session(), point.algorithm(), point.uncompressed(), digest, signature));
    }

    @Override
    public void destroy(KeyHandle key) {
        requireOwn(key);
        if (!key.persistent() && !ephemeralOwners.containsKey(key.privateKeyHandle())) {
            LOG.debug("ephemeral key {} on token '{}' was already gone with its session", key.id(), label);
            return;
        }
        boolean existed =
                execute("destroy key " + key.id(), false, session -> TokenOps.destroy(session.session(), key));
        forget(key);
        if (!existed) {
            LOG.debug("key {} on token '{}' no longer existed", key.id(), label);
        }
    }

    @Override
    public boolean destroy(TokenObject object) {
        if (object.persistent()) {
            throw new HsmException(
                    HsmErrorCode.INVALID_ARGUMENT, "token objects are destroyed by their key handle, not by a sweep");
        }
        if (ephemeralOwners.containsKey(object.handle())) {
            return false; // a live key of this instance: its request destroys it
        }
        return execute("destroy object", false, session -> TokenOps.destroy(session.session(), object));
    }

    @Override
    public List<TokenObject> listObjects() {
        return execute("list objects", true, session -> TokenOps.listObjects(session.session()));
    }

    /**
     * Asks the token for the private key's secret value (CKA_VALUE, or the RSA private exponent and primes). For tests
     * and audits: the answer must be false for every key this library made.
     */
    public boolean privateValueReadable(KeyHandle key) {
        requireOwn(key);
        return execute(
                "read private key value",
                true,
                session -> withPrivateKey(
                        session, key, handle -> TokenOps.secretReadable(session.session(), handle, key.algorithm())));
    }

    @Override
    public boolean healthy() {
        if (closed.get()) {
            return false;
        }
        try {
            execute("health check", true, HEALTH_BORROW_TIMEOUT, session -> {
                session.session().getSessionInfo(); // throws if the session is gone
                if (!RetryingExecutor.loggedIn(session)) {
                    throw new PKCS11Exception(CKR_USER_NOT_LOGGED_IN);
                }
                slot.getToken().getTokenInfo();
                return Boolean.TRUE;
            });
            return true;
        } catch (HsmException e) {
            // All sessions busy says nothing about the device; report what the last real operations saw.
            return e.code() == HsmErrorCode.HSM_BUSY && !executor.failing();
        }
    }

    @Override
    public PoolStats poolStats() {
        return pool.stats();
    }

    /**
     * Refuses new operations (they fail with {@code CLOSED}), waits up to 10 s for those already running, then closes
     * the sessions (and with them the session keys) and releases the module. Operations still running after the wait
     * keep their sessions and the module, which is then left loaded: the process is ending, and finalising the module
     * under them would crash it.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (!awaitNoneRunning()) {
            LOG.warn(
                    "token '{}' closed with {} operations still running after {} s; the PKCS#11 module stays loaded",
                    label,
                    running.get(),
                    CLOSE_WAIT.toSeconds());
            return;
        }
        pool.close();
        ephemeralOwners.clear();
        lease.close();
        LOG.info("closed token '{}'", label);
    }

    private boolean awaitNoneRunning() {
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        while (running.get() > 0) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "Pkcs11Token[" + label + "]";
    }

    /** The pool itself, for tests in this package that need to hold sessions (e.g. to exhaust the pool). */
    SessionPool sessionPool() {
        return pool;
    }

    @FunctionalInterface
    private interface KeyOperation<T> {
        T run(long privateKeyHandle) throws PKCS11Exception;
    }

    /**
     * Runs {@code body} with the key's private handle. PKCS#11 invalidates handles of private objects at logout, so a
     * long-term key whose handle went stale (while the session is logged in) is looked up again by CKA_ID, once.
     */
    private <T> T withPrivateKey(PooledSession session, KeyHandle key, KeyOperation<T> body) throws PKCS11Exception {
        long handle = key.persistent()
                ? persistentHandles.getOrDefault(key.id(), key.privateKeyHandle())
                : key.privateKeyHandle();
        try {
            return body.run(handle);
        } catch (PKCS11Exception e) {
            if (!key.persistent()
                    || !Pkcs11Errors.isHandleInvalid(e.getErrorCode())
                    || !RetryingExecutor.loggedIn(session)) {
                throw e;
            }
            long fresh = TokenOps.findPrivateKey(session.session(), key.id())
                    .orElseThrow(() -> new HsmException(
                            HsmErrorCode.KEY_NOT_FOUND,
                            "long-term key " + key.id() + " no longer exists on token '" + label + "'"));
            persistentHandles.put(key.id(), fresh);
            return body.run(fresh);
        }
    }

    private <T> T execute(String operation, boolean retrySafe, SessionOperation<T> body) {
        return execute(operation, retrySafe, null, body);
    }

    private <T> T execute(String operation, boolean retrySafe, Duration borrowTimeout, SessionOperation<T> body) {
        // Counted before the check: close() sets the flag before it counts, so each sees the other (no operation
        // slips past a close that already found none running).
        running.incrementAndGet();
        try {
            if (closed.get()) {
                throw new HsmException(HsmErrorCode.CLOSED, "token '" + label + "' is closed");
            }
            return executor.execute(operation, retrySafe, borrowTimeout, body);
        } finally {
            running.decrementAndGet();
        }
    }

    /** Drops the bookkeeping of a key that was destroyed or found gone. */
    private void forget(KeyHandle key) {
        if (key.persistent()) {
            persistentHandles.remove(key.id());
            return;
        }
        PooledSession owner = ephemeralOwners.remove(key.privateKeyHandle());
        if (owner != null) {
            owner.liveKeys().decrementAndGet();
        }
    }

    private void forgetKeysOf(PooledSession session) {
        int before = ephemeralOwners.size();
        ephemeralOwners.values().removeIf(owner -> owner == session);
        int lost = before - ephemeralOwners.size();
        if (lost > 0) {
            LOG.warn("{} ephemeral key(s) on token '{}' were lost with their session", lost, label);
        }
    }

    private void requireOwn(KeyHandle key) {
        if (!label.equals(key.tokenLabel())) {
            throw new HsmException(
                    HsmErrorCode.INVALID_ARGUMENT,
                    "key " + key.id() + " belongs to token '" + key.tokenLabel() + "', not '" + label + "'");
        }
    }

    private void requireAlive(KeyHandle key) {
        if (!key.persistent() && !ephemeralOwners.containsKey(key.privateKeyHandle())) {
            throw new HsmException(
                    HsmErrorCode.KEY_NOT_FOUND,
                    "ephemeral key " + key.id() + " no longer exists on token '" + label + "' (its session was lost)");
        }
    }
}
