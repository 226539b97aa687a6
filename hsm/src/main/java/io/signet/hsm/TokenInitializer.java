package io.signet.hsm;

import io.signet.hsm.internal.ModuleLease;
import io.signet.hsm.internal.ModuleRegistry;
import io.signet.hsm.internal.SlotFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;

/**
 * Initialises a token through PKCS#11 itself (C_InitToken, then C_InitPIN as SO), so that PINs never appear on a
 * command line or in a process list, as they would with {@code softhsm2-util}.
 *
 * <p>Uses the shared {@link ModuleRegistry}, so the module stays usable (and initialised, if others hold it) for the
 * rest of the library afterwards. Thread-safe: calls are serialised so two callers never race for one free slot.
 */
public final class TokenInitializer {

    private static final Logger LOG = LoggerFactory.getLogger(TokenInitializer.class);
    private static final int LABEL_LENGTH = 32; // CK_TOKEN_INFO.label is 32 bytes, blank padded
    private static final Object LOCK = new Object();

    private TokenInitializer() {}

    /**
     * Makes sure a token with this label exists: does nothing if one does, otherwise initialises the first slot with
     * an uninitialised token with the SO PIN and label and sets the user PIN. The PIN arrays are not modified.
     *
     * @throws HsmException MODULE_NOT_FOUND / MODULE_INVALID for a bad module, NO_FREE_SLOT when no uninitialised token
     *     is available, TOKEN_INIT_FAILED when the token refuses
     */
    public static void ensureToken(Path modulePath, String label, char[] soPin, char[] userPin) {
        byte[] paddedLabel = paddedLabel(label);
        synchronized (LOCK) {
            try (ModuleLease lease = ModuleRegistry.acquire(modulePath)) {
                if (SlotFinder.byLabel(lease.module(), label).isPresent()) {
                    return;
                }
                Slot slot = freeSlot(lease, label);
                initialise(slot, label, paddedLabel, soPin, userPin);
                LOG.info("initialised token '{}' in slot {} of {}", label, slot.getSlotID(), lease.path());
            }
        }
    }

    private static Slot freeSlot(ModuleLease lease, String label) {
        Optional<Slot> free = SlotFinder.firstFree(lease.module());
        // Some modules (older SoftHSM releases) only show a new empty slot after re-initialisation. SoftHSM 2.6
        // adds one at once, so this is a fallback and only possible when nobody else uses the module.
        if (free.isEmpty() && lease.reinitializeIfSoleUser()) {
            free = SlotFinder.firstFree(lease.module());
        }
        return free.orElseThrow(() -> new HsmException(
                HsmErrorCode.NO_FREE_SLOT,
                "no free slot in PKCS#11 module " + lease.path() + " to initialise token '" + label + "'"));
    }

    private static void initialise(Slot slot, String label, byte[] paddedLabel, char[] soPin, char[] userPin) {
        // The wrapper copies exactly 32 bytes of label: hand it a full, blank-padded one (else it reads garbage).
        char[] labelChars = new String(paddedLabel, StandardCharsets.UTF_8).toCharArray();
        String step = "C_InitToken";
        try {
            slot.getModule().getPKCS11Module().C_InitToken(slot.getSlotID(), soPin, labelChars, true);
            step = "C_OpenSession";
            Session session = slot.getToken().openSession(true);
            try {
                step = "C_Login(SO)";
                session.login(PKCS11Constants.CKU_SO, soPin);
                step = "C_InitPIN";
                session.initPIN(userPin);
                step = "C_Logout";
                session.logout();
            } finally {
                session.closeSession();
            }
        } catch (iaik.pkcs.pkcs11.wrapper.PKCS11Exception e) {
            throw initFailed(label, step, slot.getModule().convertException(e));
        } catch (PKCS11Exception e) {
            throw initFailed(label, step, e);
        }
    }

    private static HsmException initFailed(String label, String step, PKCS11Exception e) {
        return new HsmException(
                HsmErrorCode.TOKEN_INIT_FAILED,
                "initialising token '" + label + "' failed at " + step + ": " + e.getErrorName(),
                e);
    }

    private static byte[] paddedLabel(String label) {
        if (label == null || label.isBlank()) {
            throw new HsmException(HsmErrorCode.INVALID_ARGUMENT, "token label must not be blank");
        }
        byte[] utf8 = label.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > LABEL_LENGTH || !label.equals(label.strip())) {
            throw new HsmException(
                    HsmErrorCode.INVALID_ARGUMENT,
                    "token label must be at most 32 UTF-8 bytes without surrounding blanks: '" + label + "'");
        }
        byte[] padded = Arrays.copyOf(utf8, LABEL_LENGTH);
        Arrays.fill(padded, utf8.length, LABEL_LENGTH, (byte) ' ');
        return padded;
    }
}
