package io.signet.hsm.internal;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

import io.signet.hsm.HsmErrorCode;
import io.signet.hsm.HsmException;
import org.xipki.pkcs11.wrapper.PKCS11Exception;

/** Maps PKCS#11 return values to stable error codes and one-line messages. Stateless. */
public final class Pkcs11Errors {

    private Pkcs11Errors() {}

    /** Errors after which the session (or its login) must be re-established before trying again. */
    public static boolean isSessionProblem(long ckr) {
        return ckr == CKR_SESSION_HANDLE_INVALID
                || ckr == CKR_SESSION_CLOSED
                || ckr == CKR_USER_NOT_LOGGED_IN
                || ckr == CKR_DEVICE_ERROR;
    }

    /** The object handle does not (or no longer) denote an object this session may see. */
    public static boolean isHandleInvalid(long ckr) {
        return ckr == CKR_OBJECT_HANDLE_INVALID || ckr == CKR_KEY_HANDLE_INVALID;
    }

    public static HsmErrorCode code(long ckr) {
        if (ckr == CKR_SESSION_HANDLE_INVALID || ckr == CKR_SESSION_CLOSED || ckr == CKR_USER_NOT_LOGGED_IN) {
            return HsmErrorCode.SESSION_LOST;
        }
        if (ckr == CKR_DEVICE_ERROR
                || ckr == CKR_DEVICE_MEMORY
                || ckr == CKR_DEVICE_REMOVED
                || ckr == CKR_TOKEN_NOT_PRESENT
                || ckr == CKR_HOST_MEMORY
                || ckr == CKR_GENERAL_ERROR) {
            return HsmErrorCode.DEVICE_ERROR;
        }
        if (ckr == CKR_SESSION_COUNT) {
            return HsmErrorCode.HSM_BUSY;
        }
        if (ckr == CKR_PIN_INCORRECT) {
            return HsmErrorCode.PIN_INCORRECT;
        }
        if (ckr == CKR_PIN_LOCKED) {
            return HsmErrorCode.PIN_LOCKED;
        }
        if (ckr == CKR_OBJECT_HANDLE_INVALID || ckr == CKR_KEY_HANDLE_INVALID) {
            return HsmErrorCode.KEY_NOT_FOUND;
        }
        if (ckr == CKR_MECHANISM_INVALID
                || ckr == CKR_MECHANISM_PARAM_INVALID
                || ckr == CKR_KEY_TYPE_INCONSISTENT
                || ckr == CKR_KEY_FUNCTION_NOT_PERMITTED
                || ckr == CKR_KEY_SIZE_RANGE
                || ckr == CKR_CURVE_NOT_SUPPORTED
                || ckr == CKR_DOMAIN_PARAMS_INVALID) {
            return HsmErrorCode.UNSUPPORTED_ALGORITHM;
        }
        if (ckr == CKR_DATA_LEN_RANGE || ckr == CKR_DATA_INVALID || ckr == CKR_ARGUMENTS_BAD) {
            return HsmErrorCode.INVALID_ARGUMENT;
        }
        return HsmErrorCode.OPERATION_FAILED;
    }

    /** "{@code <operation>} on token '{@code <label>}' failed: CKR_..." */
    public static HsmException toException(String operation, String tokenLabel, PKCS11Exception e) {
        return new HsmException(
                code(e.getErrorCode()), operation + " on token '" + tokenLabel + "' failed: " + e.getErrorName(), e);
    }

    /** "login to token '{@code <label>}' failed: CKR_PIN_INCORRECT" — the PIN itself never appears. */
    public static HsmException loginFailed(String tokenLabel, PKCS11Exception e) {
        long ckr = e.getErrorCode();
        HsmErrorCode code = switch (code(ckr)) {
            case PIN_INCORRECT, PIN_LOCKED, DEVICE_ERROR, SESSION_LOST -> code(ckr);
            default -> HsmErrorCode.LOGIN_FAILED;
        };
        return loginFailed(tokenLabel, code, e.getErrorName(), e);
    }

    static HsmException loginFailed(String tokenLabel, HsmErrorCode code, String ckrName, Throwable cause) {
        String hint = code == HsmErrorCode.PIN_LOCKED ? " (the user PIN is locked; the SO must unlock it)" : "";
        return new HsmException(code, "login to token '" + tokenLabel + "' failed: " + ckrName + hint, cause);
    }
}
