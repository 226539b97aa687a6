package io.signet.hsm.internal;

import io.signet.hsm.HsmErrorCode;
import io.signet.hsm.HsmException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.StaticLogger;

/**
 * The process-wide set of loaded PKCS#11 modules, keyed by real path and reference counted.
 *
 * <p>Why: a PKCS#11 library has process-global state. In the embedded stack the sign-worker (token signet-sign) and
 * the cert-worker (token signet-ca) share one SoftHSM in one JVM; a C_Finalize by one would kill the other's sessions.
 * So C_Initialize happens once per module and C_Finalize only when the last lease is closed. A module, once loaded,
 * stays loaded (and referenced) for the life of the process and is re-initialised on the next acquire: ipkcs11wrapper
 * unloads the native library from a finalizer when its Java object becomes unreachable, and a fresh load racing a
 * dying one's unload is not something to rely on.
 *
 * <p>Thread-safety: all state is guarded by the class monitor; module-wide calls (C_Initialize, C_Finalize) run under
 * it, ordinary token calls do not.
 */
public final class ModuleRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ModuleRegistry.class);
    private static final Map<Path, Entry> MODULES = new HashMap<>();
    private static final Map<Path, PKCS11Module> LOADED = new HashMap<>();

    static {
        StaticLogger.setLogger(new WrapperLogBridge());
    }

    private ModuleRegistry() {}

    /** Loads and initialises the module on first use, otherwise shares the loaded one. */
    public static synchronized ModuleLease acquire(Path modulePath) {
        Path key = normalise(modulePath);
        Entry entry = MODULES.get(key);
        if (entry == null) {
            entry = load(key);
            MODULES.put(key, entry);
        }
        entry.refCount++;
        return new ModuleLease(entry);
    }

    /** Number of open leases on a module (0 when not loaded); for tests and diagnostics. */
    public static synchronized int leaseCount(Path modulePath) {
        Entry entry = MODULES.get(normalise(modulePath));
        return entry == null ? 0 : entry.refCount;
    }

    static synchronized void release(Entry entry) {
        entry.refCount--;
        if (entry.refCount > 0) {
            return;
        }
        MODULES.remove(entry.path);
        if (!entry.initializedHere) {
            return; // someone else in this process initialised it; finalising would pull the rug from under them
        }
        try {
            entry.module.finalize(null);
        } catch (PKCS11Exception e) {
            LOG.warn("C_Finalize of {} failed: {}", entry.path, e.getErrorName());
        }
    }

    /**
     * C_Finalize + C_Initialize, only when the caller holds the sole lease (otherwise other users would lose their
     * sessions). Used to make a module re-read its slots.
     */
    static synchronized boolean reinitializeIfSoleUser(Entry entry) {
        if (entry.refCount != 1 || !entry.initializedHere) {
            return false;
        }
        try {
            entry.module.finalize(null);
            entry.module.initialize();
            return true;
        } catch (PKCS11Exception e) {
            throw new HsmException(
                    HsmErrorCode.MODULE_INIT_FAILED,
                    "re-initialising PKCS#11 module " + entry.path + " failed: " + e.getErrorName(),
                    e);
        }
    }

    private static Path normalise(Path modulePath) {
        Path absolute = modulePath.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new HsmException(HsmErrorCode.MODULE_NOT_FOUND, "PKCS#11 module not found: " + modulePath);
        }
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            throw new HsmException(HsmErrorCode.MODULE_NOT_FOUND, "PKCS#11 module not found: " + modulePath, e);
        }
    }

    private static Entry load(Path path) {
        PKCS11Module module = LOADED.get(path);
        if (module == null) {
            try {
                module = PKCS11Module.getInstance(path.toString());
            } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
                throw new HsmException(
                        HsmErrorCode.MODULE_INVALID,
                        "not a loadable PKCS#11 module: " + path + " (" + oneLine(e.getMessage()) + ")",
                        e);
            }
            LOADED.put(path, module);
        }
        boolean initializedHere = true;
        try {
            module.initialize();
        } catch (PKCS11Exception e) {
            if (e.getErrorCode() != PKCS11Constants.CKR_CRYPTOKI_ALREADY_INITIALIZED) {
                throw new HsmException(
                        HsmErrorCode.MODULE_INIT_FAILED,
                        "C_Initialize of PKCS#11 module " + path + " failed: " + e.getErrorName(),
                        e);
            }
            initializedHere = false;
            LOG.info("PKCS#11 module {} was already initialised in this process; sharing it", path);
        }
        LOG.debug("loaded PKCS#11 module {}", path);
        return new Entry(path, module, initializedHere);
    }

    private static String oneLine(String message) {
        return message == null ? "no detail" : message.strip().replaceAll("\\s+", " ");
    }

    static final class Entry {
        final Path path;
        final PKCS11Module module;
        final boolean initializedHere;
        int refCount;

        Entry(Path path, PKCS11Module module, boolean initializedHere) {
            this.path = path;
            this.module = module;
            this.initializedHere = initializedHere;
        }
    }
}
