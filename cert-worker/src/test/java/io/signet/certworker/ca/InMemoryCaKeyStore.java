package io.signet.certworker.ca;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A hand-written fake key store with JCA keys in memory, for unit tests only (the ITs use the HSM). */
public class InMemoryCaKeyStore implements CaKeyStore {

    private final Map<String, CaKey> keys = new ConcurrentHashMap<>();

    @Override
    public Optional<CaKey> find(String label) {
        return Optional.ofNullable(keys.get(label));
    }

    @Override
    public CaKey generate(String label, CaKeyType type) {
        CaKey key = key(label, type);
        keys.put(label, key);
        return key;
    }

    @Override
    public boolean healthy() {
        return true;
    }

    public int size() {
        return keys.size();
    }

    public static CaKey key(String label, CaKeyType type) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(type.curve()));
            KeyPair pair = generator.generateKeyPair();
            return new CaKey() {
                @Override
                public String label() {
                    return label;
                }

                @Override
                public CaKeyType type() {
                    return type;
                }

                @Override
                public PublicKey publicKey() {
                    return pair.getPublic();
                }

                @Override
                public ContentSigner newSigner() {
                    try {
                        return new JcaContentSignerBuilder(type.signatureAlgorithm()).build(pair.getPrivate());
                    } catch (OperatorCreationException e) {
                        throw new IllegalStateException(e);
                    }
                }
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
