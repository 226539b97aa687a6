package io.signet.hsm.internal;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

import io.signet.hsm.HsmErrorCode;
import io.signet.hsm.HsmException;
import io.signet.hsm.KeyAlgorithm;
import io.signet.hsm.KeyHandle;
import io.signet.hsm.KeyId;
import io.signet.hsm.SignatureAlgorithm;
import io.signet.hsm.TokenObject;
import java.math.BigInteger;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Constants.Category;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11KeyPair;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.params.RSA_PKCS_PSS_PARAMS;

/**
 * The PKCS#11 calls behind {@code Pkcs11Token}, each on a session the caller has borrowed. Stateless; PKCS11Exception
 * is passed up so the caller can recover the session and retry.
 */
public final class TokenOps {

    private TokenOps() {}

    public static KeyHandle generate(
            Session session, String tokenLabel, KeyAlgorithm algorithm, String label, boolean persistent)
            throws PKCS11Exception {
        KeyId id = KeyId.random();
        PKCS11KeyPair pair = session.generateKeyPair(
                KeyTemplates.generationMechanism(algorithm),
                KeyTemplates.signingKeyPair(algorithm, id, label, persistent));
        try {
            PublicKey publicKey = readPublicKey(session, pair.getPublicKey(), algorithm);
            return new KeyHandle(
                    tokenLabel, id, label, algorithm, pair.getPrivateKey(), pair.getPublicKey(), publicKey, persistent);
        } catch (PKCS11Exception | RuntimeException e) {
            destroyQuietly(session, pair.getPrivateKey());
            destroyQuietly(session, pair.getPublicKey());
            throw e;
        }
    }

    public static PublicKey readPublicKey(Session session, long publicKeyHandle, KeyAlgorithm algorithm)
            throws PKCS11Exception {
        if (algorithm.family() == KeyAlgorithm.KeyFamily.EC) {
            byte[] point = session.getAttrValues(publicKeyHandle, CKA_EC_POINT).ecPoint();
            return PublicKeys.ec(algorithm, point);
        }
        AttributeVector values = session.getAttrValues(publicKeyHandle, CKA_MODULUS, CKA_PUBLIC_EXPONENT);
        return PublicKeys.rsa(values.modulus(), values.publicExponent());
    }

    public static Optional<KeyHandle> findLongTerm(Session session, String tokenLabel, String label)
            throws PKCS11Exception {
        long[] privateKeys = session.findObjectsSingle(
                new AttributeVector().class_(CKO_PRIVATE_KEY).token(true).label(label), 2);
        if (privateKeys.length == 0) {
            return Optional.empty();
        }
        if (privateKeys.length > 1) {
            throw new HsmException(
                    HsmErrorCode.INVALID_ARGUMENT,
                    "more than one private key labelled '" + label + "' on token '" + tokenLabel + "'");
        }
        long privateKey = privateKeys[0];
        AttributeVector attributes = session.getAttrValues(privateKey, CKA_ID, CKA_KEY_TYPE);
        byte[] id = attributes.id();
        long[] publicKeys = session.findObjectsSingle(
                new AttributeVector().class_(CKO_PUBLIC_KEY).token(true).id(id), 1);
        if (publicKeys.length == 0) {
            throw new HsmException(
                    HsmErrorCode.KEY_NOT_FOUND,
                    "long-term key '" + label + "' on token '" + tokenLabel + "' has no public key object");
        }
        KeyAlgorithm algorithm = algorithmOf(session, publicKeys[0], attributes.keyType(), label);
        PublicKey publicKey = readPublicKey(session, publicKeys[0], algorithm);
        return Optional.of(
                new KeyHandle(tokenLabel, new KeyId(id), label, algorithm, privateKey, publicKeys[0], publicKey, true));
    }

    public static byte[] sign(Session session, long privateKey, SignatureAlgorithm algorithm, byte[] digest)
            throws PKCS11Exception {
        return switch (algorithm.scheme()) {
            case ECDSA ->
                SignatureEncoding.ecdsaPlainToDer(session.signSingle(new Mechanism(CKM_ECDSA), privateKey, digest));
            case RSA_PKCS1 ->
                session.signSingle(
                        new Mechanism(CKM_RSA_PKCS),
                        privateKey,
                        SignatureEncoding.digestInfo(algorithm.digest(), digest));
            case RSA_PSS -> session.signSingle(pssMechanism(algorithm), privateKey, digest);
        };
    }

    /**
     * Verifies an ECDSA signature over a precomputed digest with a public key brought in for this call: a session
     * object created from the key's curve and point, used once and destroyed. A signature the token rejects is
     * {@code false}; a failing token is an exception.
     */
    public static boolean verifyEcdsa(
            Session session, KeyAlgorithm algorithm, byte[] uncompressedPoint, byte[] digest, byte[] derSignature)
            throws PKCS11Exception {
        byte[] plain = SignatureEncoding.ecdsaDerToPlain(derSignature, (algorithm.bits() + 7) / 8);
        if (plain == null) {
            return false;
        }
        long publicKey = session.createObject(KeyTemplates.verificationKey(algorithm, uncompressedPoint));
        try {
            session.verifySingle(new Mechanism(CKM_ECDSA), publicKey, digest, plain);
            return true;
        } catch (PKCS11Exception e) {
            if (e.getErrorCode() == CKR_SIGNATURE_INVALID || e.getErrorCode() == CKR_SIGNATURE_LEN_RANGE) {
                return false;
            }
            throw e;
        } finally {
            destroyQuietly(session, publicKey);
        }
    }

    /** The current handle of a long-term private key, looked up by CKA_ID. */
    public static Optional<Long> findPrivateKey(Session session, KeyId id) throws PKCS11Exception {
        long[] handles = session.findObjectsSingle(
                new AttributeVector().class_(CKO_PRIVATE_KEY).token(true).id(id.value()), 1);
        return handles.length == 0 ? Optional.empty() : Optional.of(handles[0]);
    }

    /**
     * Destroys both halves of a key pair. Long-term keys are looked up by CKA_ID (their handles may have changed since
     * a re-login); an ephemeral key's handle is first checked to still denote this key (handles can be reused once an
     * object is gone).
     *
     * @return false if the key no longer existed
     */
    public static boolean destroy(Session session, KeyHandle key) throws PKCS11Exception {
        if (key.persistent()) {
            long[] handles = session.findAllObjectsSingle(
                    new AttributeVector().token(true).id(key.id().value()));
            for (long handle : handles) {
                session.destroyObject(handle);
            }
            return handles.length > 0;
        }
        byte[] id;
        try {
            id = session.getAttrValues(key.privateKeyHandle(), CKA_ID).id();
        } catch (PKCS11Exception e) {
            if (Pkcs11Errors.isHandleInvalid(e.getErrorCode())) {
                return false;
            }
            throw e;
        }
        if (id == null || !key.id().equals(new KeyId(id))) {
            return false;
        }
        session.destroyObject(key.privateKeyHandle());
        try {
            session.destroyObject(key.publicKeyHandle());
        } catch (PKCS11Exception e) {
            if (!Pkcs11Errors.isHandleInvalid(e.getErrorCode())) {
                throw e;
            }
        }
        return true;
    }

    /**
     * Destroys the object {@code object} describes, if its handle still names that object (same class, label, id and
     * CKA_TOKEN): handles are reused, so a stale listing must not destroy another object.
     *
     * @return whether the object existed and was destroyed
     */
    public static boolean destroy(Session session, TokenObject object) throws PKCS11Exception {
        AttributeVector values;
        try {
            values = session.getAttrValues(object.handle(), CKA_CLASS, CKA_TOKEN, CKA_LABEL, CKA_ID);
        } catch (PKCS11Exception e) {
            if (Pkcs11Errors.isHandleInvalid(e.getErrorCode())) {
                return false;
            }
            throw e;
        }
        byte[] id = values.id();
        KeyId keyId = id == null || id.length == 0 ? null : new KeyId(id);
        String objectClass =
                values.class_() == null ? null : session.getModule().codeToName(Category.CKO, values.class_());
        boolean same = java.util.Objects.equals(objectClass, object.objectClass())
                && java.util.Objects.equals(values.label(), object.label())
                && java.util.Objects.equals(keyId, object.id())
                && Boolean.TRUE.equals(values.token()) == object.persistent();
        if (!same) {
            return false;
        }
        try {
            session.destroyObject(object.handle());
            return true;
        } catch (PKCS11Exception e) {
            if (Pkcs11Errors.isHandleInvalid(e.getErrorCode())) {
                return false;
            }
            throw e;
        }
    }

    public static List<TokenObject> listObjects(Session session) throws PKCS11Exception {
        PKCS11Module module = session.getModule();
        List<TokenObject> objects = new ArrayList<>();
        for (long handle : session.findAllObjectsSingle(new AttributeVector())) {
            AttributeVector values = session.getAttrValues(handle, CKA_CLASS, CKA_TOKEN, CKA_LABEL, CKA_ID);
            Long objectClass = values.class_();
            String keyType = null;
            if (objectClass != null
                    && (objectClass == CKO_PRIVATE_KEY
                            || objectClass == CKO_PUBLIC_KEY
                            || objectClass == CKO_SECRET_KEY)) {
                Long type = session.getAttrValues(handle, CKA_KEY_TYPE).keyType();
                keyType = type == null ? null : module.codeToName(Category.CKK, type);
            }
            byte[] id = values.id();
            objects.add(new TokenObject(
                    handle,
                    objectClass == null ? null : module.codeToName(Category.CKO, objectClass),
                    keyType,
                    values.label(),
                    id == null || id.length == 0 ? null : new KeyId(id),
                    Boolean.TRUE.equals(values.token())));
        }
        return objects;
    }

    /**
     * Asks the token for the secret components of a private key (EC: CKA_VALUE; RSA: private exponent and primes).
     *
     * @return true if any came back (which must never happen for keys made by this library)
     */
    public static boolean secretReadable(Session session, long privateKey, KeyAlgorithm algorithm)
            throws PKCS11Exception {
        long[] secretAttributes = algorithm.family() == KeyAlgorithm.KeyFamily.EC
                ? new long[] {CKA_VALUE}
                : new long[] {CKA_VALUE, CKA_PRIVATE_EXPONENT, CKA_PRIME_1, CKA_PRIME_2};
        PKCS11Module module = session.getModule();
        for (long type : secretAttributes) {
            iaik.pkcs.pkcs11.wrapper.CK_ATTRIBUTE attribute = new iaik.pkcs.pkcs11.wrapper.CK_ATTRIBUTE();
            attribute.type = type;
            try {
                // The raw call, not the wrapper's getAttrValues, which turns a refusal into a silent null.
                module.getPKCS11Module()
                        .C_GetAttributeValue(
                                session.getSessionHandle(),
                                privateKey,
                                new iaik.pkcs.pkcs11.wrapper.CK_ATTRIBUTE[] {attribute},
                                true);
                if (attribute.pValue != null) {
                    return true;
                }
            } catch (iaik.pkcs.pkcs11.wrapper.PKCS11Exception e) {
                long ckr = e.getErrorCode();
                if (ckr != CKR_ATTRIBUTE_SENSITIVE && ckr != CKR_ATTRIBUTE_TYPE_INVALID) {
                    throw module.convertException(e);
                }
            }
        }
        return false;
    }

    private static Mechanism pssMechanism(SignatureAlgorithm algorithm) {
        long hash;
        long mgf;
        switch (algorithm.digest()) {
            case SHA256 -> {
                hash = CKM_SHA256;
                mgf = CKG_MGF1_SHA256;
            }
            case SHA384 -> {
                hash = CKM_SHA384;
                mgf = CKG_MGF1_SHA384;
            }
            case SHA512 -> {
                hash = CKM_SHA512;
                mgf = CKG_MGF1_SHA512;
            }
            default ->
                throw new HsmException(
                        HsmErrorCode.UNSUPPORTED_ALGORITHM, "RSA-PSS with " + algorithm.digest() + " is not supported");
        }
        return new Mechanism(
                CKM_RSA_PKCS_PSS,
                new RSA_PKCS_PSS_PARAMS(hash, mgf, algorithm.digest().length()));
    }

    private static KeyAlgorithm algorithmOf(Session session, long publicKey, Long keyType, String label)
            throws PKCS11Exception {
        KeyAlgorithm algorithm = null;
        if (keyType != null && keyType == CKK_EC) {
            algorithm = PublicKeys.ecAlgorithm(
                    session.getAttrValues(publicKey, CKA_EC_PARAMS).ecParams());
        } else if (keyType != null && keyType == CKK_RSA) {
            BigInteger modulus = session.getAttrValues(publicKey, CKA_MODULUS).modulus();
            algorithm = modulus != null && modulus.bitLength() == KeyAlgorithm.RSA_3072.bits()
                    ? KeyAlgorithm.RSA_3072
                    : null;
        }
        if (algorithm == null) {
            throw new HsmException(
                    HsmErrorCode.UNSUPPORTED_ALGORITHM, "long-term key '" + label + "' has an unsupported key type");
        }
        return algorithm;
    }

    private static void destroyQuietly(Session session, long handle) {
        try {
            session.destroyObject(handle);
        } catch (PKCS11Exception e) {
            // best effort clean-up of a half-made key pair; the error that got us here matters more
        }
    }
}
