package io.signet.certworker.ca;

import io.signet.hsm.HsmContentSigner;
import io.signet.hsm.KeyAlgorithm;
import io.signet.hsm.KeyHandle;
import io.signet.hsm.KeyStoreToken;
import io.signet.hsm.SignatureAlgorithm;
import java.security.PublicKey;
import java.util.Optional;
import org.bouncycastle.operator.ContentSigner;

/**
 * CA keys as long-term (token, non-extractable, sensitive) key pairs in the {@code signet-ca} HSM token. Thread-safe
 * as the token is.
 */
public final class HsmCaKeyStore implements CaKeyStore {

    private final KeyStoreToken token;

    public HsmCaKeyStore(KeyStoreToken token) {
        this.token = token;
    }

    @Override
    public Optional<CaKey> find(String label) {
        return token.findLongTerm(label).map(this::key);
    }

    @Override
    public CaKey generate(String label, CaKeyType type) {
        KeyAlgorithm algorithm = switch (type) {
            case EC_P256 -> KeyAlgorithm.EC_P256;
            case EC_P384 -> KeyAlgorithm.EC_P384;
        };
        return key(token.generateLongTerm(label, algorithm));
    }

    @Override
    public boolean healthy() {
        return token.healthy();
    }

    private CaKey key(KeyHandle handle) {
        CaKeyType type = switch (handle.algorithm()) {
            case EC_P256 -> CaKeyType.EC_P256;
            case EC_P384 -> CaKeyType.EC_P384;
            default ->
                throw new IllegalStateException(
                        "CA key '" + handle.label() + "' has unsupported type " + handle.algorithm());
        };
        SignatureAlgorithm algorithm =
                type == CaKeyType.EC_P256 ? SignatureAlgorithm.ECDSA_SHA256 : SignatureAlgorithm.ECDSA_SHA384;
        return new HsmCaKey(token, handle, type, algorithm);
    }

    private record HsmCaKey(KeyStoreToken token, KeyHandle handle, CaKeyType type, SignatureAlgorithm algorithm)
            implements CaKey {

        @Override
        public String label() {
            return handle.label();
        }

        @Override
        public PublicKey publicKey() {
            return handle.publicKey();
        }

        @Override
        public ContentSigner newSigner() {
            return new HsmContentSigner(token, handle, algorithm);
        }

        @Override
        public String toString() {
            return "HsmCaKey[" + handle + "]";
        }
    }
}
