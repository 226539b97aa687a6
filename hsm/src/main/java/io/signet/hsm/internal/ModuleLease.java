package io.signet.hsm.internal;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xipki.pkcs11.wrapper.PKCS11Module;

/**
 * One user's claim on a loaded PKCS#11 module (see {@link ModuleRegistry}). Closing it is idempotent; the module is
 * finalised when the last lease closes. Thread-safe.
 */
public final class ModuleLease implements AutoCloseable {

    private final ModuleRegistry.Entry entry;
    private final AtomicBoolean closed = new AtomicBoolean();

    ModuleLease(ModuleRegistry.Entry entry) {
        this.entry = entry;
    }

    public PKCS11Module module() {
        return entry.module;
    }

    /** The real path of the module file. */
    public Path path() {
        return entry.path;
    }

    /**
     * Re-initialises the module (C_Finalize + C_Initialize) so that it re-reads its slots, but only if this lease is
     * its sole user.
     *
     * @return whether the module was re-initialised
     */
    public boolean reinitializeIfSoleUser() {
        return ModuleRegistry.reinitializeIfSoleUser(entry);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            ModuleRegistry.release(entry);
        }
    }
}
