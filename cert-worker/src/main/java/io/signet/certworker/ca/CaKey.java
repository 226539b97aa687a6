package io.signet.certworker.ca;

import java.security.PublicKey;
import org.bouncycastle.operator.ContentSigner;

/**
 * A CA signing key. The private part stays where it lives (a non-extractable token object in the HSM in production);
 * this only hands out signers. Implementations are thread-safe.
 */
public interface CaKey {

    /** The label of the key in its store (also recorded in {@code certs.ca}). */
    String label();

    CaKeyType type();

    PublicKey publicKey();

    /** A fresh signer for one signature: BouncyCastle content signers are stateful, so never share one. */
    ContentSigner newSigner();
}
