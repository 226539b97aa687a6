package io.signet.hsm.internal;

import io.signet.hsm.HsmErrorCode;
import io.signet.hsm.HsmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.TokenInfo;

/** Finds slots by token label. Slot ids are not stable across C_Initialize (SoftHSM renumbers), labels are. */
public final class SlotFinder {

    private SlotFinder() {}

    /** The slot whose initialised token carries this label. */
    public static Optional<Slot> byLabel(PKCS11Module module, String label) {
        for (Slot slot : presentSlots(module)) {
            TokenInfo info = tokenInfo(slot);
            if (info.isTokenInitialized() && label.equals(info.getLabel().strip())) {
                return Optional.of(slot);
            }
        }
        return Optional.empty();
    }

    /** The first slot whose token is not initialised yet. */
    public static Optional<Slot> firstFree(PKCS11Module module) {
        for (Slot slot : presentSlots(module)) {
            if (!tokenInfo(slot).isTokenInitialized()) {
                return Optional.of(slot);
            }
        }
        return Optional.empty();
    }

    /** Labels of all initialised tokens, for error messages. */
    public static List<String> labels(PKCS11Module module) {
        List<String> labels = new ArrayList<>();
        for (Slot slot : presentSlots(module)) {
            TokenInfo info = tokenInfo(slot);
            if (info.isTokenInitialized()) {
                labels.add(info.getLabel().strip());
            }
        }
        return labels;
    }

    private static Slot[] presentSlots(PKCS11Module module) {
        try {
            return module.getSlotList(true);
        } catch (PKCS11Exception e) {
            throw new HsmException(HsmErrorCode.MODULE_INIT_FAILED, "C_GetSlotList failed: " + e.getErrorName(), e);
        }
    }

    private static TokenInfo tokenInfo(Slot slot) {
        try {
            return slot.getToken().getTokenInfo();
        } catch (PKCS11Exception e) {
            throw new HsmException(
                    HsmErrorCode.OPERATION_FAILED,
                    "C_GetTokenInfo for slot " + slot.getSlotID() + " failed: " + e.getErrorName(),
                    e);
        }
    }
}
