package io.signet.hsm;

/**
 * One object found on a token, for diagnostics, tests and the start-up sweep of leftover ephemeral keys.
 *
 * @param handle PKCS#11 object handle
 * @param objectClass CKA_CLASS name, e.g. "CKO_PRIVATE_KEY"
 * @param keyType CKA_KEY_TYPE name, e.g. "CKK_EC"; null for objects that are not keys
 * @param label CKA_LABEL; null if absent
 * @param id CKA_ID; null if absent
 * @param persistent CKA_TOKEN: true for token objects, false for session objects
 */
public record TokenObject(
        long handle, String objectClass, String keyType, String label, KeyId id, boolean persistent) {}
