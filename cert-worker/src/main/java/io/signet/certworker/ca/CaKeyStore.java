package io.signet.certworker.ca;

import java.util.Optional;

/** Where the CA keys live: the {@code signet-ca} HSM token in production. Implementations are thread-safe. */
public interface CaKeyStore {

    /** The key with this label, if the store holds one. */
    Optional<CaKey> find(String label);

    /** Generates a new persistent, non-extractable key under this label. */
    CaKey generate(String label, CaKeyType type);

    /** Whether the store answers (for health and for the bootstrap's first check). */
    boolean healthy();
}
