package io.signet.hsm.internal;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

import io.signet.hsm.KeyAlgorithm;
import io.signet.hsm.KeyId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.KeyPairTemplate;
import org.xipki.pkcs11.wrapper.Mechanism;

/** PKCS#11 key-pair templates. Stateless. */
public final class KeyTemplates {

    private static final BigInteger F4 = BigInteger.valueOf(65537);

    private KeyTemplates() {}

    public static Mechanism generationMechanism(KeyAlgorithm algorithm) {
        return new Mechanism(
                algorithm.family() == KeyAlgorithm.KeyFamily.EC ? CKM_EC_KEY_PAIR_GEN : CKM_RSA_PKCS_KEY_PAIR_GEN);
    }

    /**
     * A signing key pair: private key sensitive, never extractable, private (login needed), sign only; public key
     * verify only. {@code persistent} decides CKA_TOKEN for both halves.
     */
    public static KeyPairTemplate signingKeyPair(KeyAlgorithm algorithm, KeyId id, String label, boolean persistent) {
        boolean ec = algorithm.family() == KeyAlgorithm.KeyFamily.EC;
        long keyType = ec ? CKK_EC : CKK_RSA;
        AttributeVector publicKey = new AttributeVector()
                .class_(CKO_PUBLIC_KEY)
                .keyType(keyType)
                .token(persistent)
                .private_(false)
                .verify(true)
                .id(id.value())
                .label(label);
        AttributeVector privateKey = new AttributeVector()
                .class_(CKO_PRIVATE_KEY)
                .keyType(keyType)
                .token(persistent)
                .private_(true)
                .sensitive(true)
                .extractable(false)
                .sign(true)
                .decrypt(false)
                .derive(false)
                .id(id.value())
                .label(label);
        if (ec) {
            publicKey.ecParams(encodedCurve(algorithm));
        } else {
            publicKey.modulusBits(algorithm.bits()).publicExponent(F4);
        }
        return new KeyPairTemplate(privateKey, publicKey);
    }

    /** A session EC public key that can only verify, for a key that comes from outside the token. */
    public static AttributeVector verificationKey(KeyAlgorithm algorithm, byte[] uncompressedPoint) {
        // The wrapper DER-wraps CKA_EC_POINT itself (and unwraps it on reading), so it takes the bare point.
        return new AttributeVector()
                .class_(CKO_PUBLIC_KEY)
                .keyType(CKK_EC)
                .token(false)
                .private_(false)
                .verify(true)
                .encrypt(false)
                .wrap(false)
                .derive(false)
                .ecParams(encodedCurve(algorithm))
                .ecPoint(uncompressedPoint);
    }

    /** DER of the named curve OID, the form CKA_EC_PARAMS takes. */
    public static byte[] encodedCurve(KeyAlgorithm algorithm) {
        try {
            return algorithm.curve().getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
