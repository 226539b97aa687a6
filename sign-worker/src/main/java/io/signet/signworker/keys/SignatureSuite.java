package io.signet.signworker.keys;

import io.signet.hsm.DigestAlgorithm;
import io.signet.hsm.KeyAlgorithm;
import io.signet.hsm.SignatureAlgorithm;
import io.signet.schemas.HashType;
import io.signet.schemas.SignatureFormat;
import java.util.Optional;

/**
 * The algorithms one request is signed with: the one-time key's type, the digest algorithm of the relying party's
 * hash and the HSM signature scheme. Which combinations exist is decided here, in one place.
 *
 * <p>CAdES and PAdES need a digest algorithm that CMS, the HSM library and EU DSS all know: SHA-2 and SHA-3.
 * BLAKE2b has no ECDSA or PKCS#1 signature OID and DSS cannot validate it, so it is only offered for {@code raw}
 * with EC keys: CKM_ECDSA signs any digest, and a 64-byte BLAKE2b-512 hash goes through the ECDSA-with-SHA-512
 * path of the HSM library, which is the same mechanism with the same input length.
 *
 * @param keyAlgorithm the one-time key's type
 * @param digestAlgorithm the digest algorithm of the hash; for BLAKE2B the length-equivalent SHA-512 slot
 * @param signatureAlgorithm the HSM scheme that signs the hash
 * @param name the algorithm as reported in SignCompleted (JCA style, e.g. {@code SHA256withECDSA})
 */
public record SignatureSuite(
        KeyAlgorithm keyAlgorithm,
        DigestAlgorithm digestAlgorithm,
        SignatureAlgorithm signatureAlgorithm,
        String name) {

    /** The suite for a request, or empty if the combination is not supported. */
    public static Optional<SignatureSuite> of(
            io.signet.schemas.KeyAlgorithm requestedKey, HashType hashType, SignatureFormat format) {
        KeyAlgorithm key = KeyAlgorithm.valueOf(requestedKey.name());
        if (hashType == HashType.BLAKE2B) {
            if (format != SignatureFormat.RAW || key.family() != KeyAlgorithm.KeyFamily.EC) {
                return Optional.empty();
            }
            return Optional.of(new SignatureSuite(
                    key, DigestAlgorithm.SHA512, SignatureAlgorithm.ECDSA_SHA512, "BLAKE2B-512withECDSA"));
        }
        DigestAlgorithm digest = digestOf(hashType);
        SignatureAlgorithm signature = signatureOf(key, digest);
        return Optional.of(new SignatureSuite(key, digest, signature, signature.jcaName()));
    }

    private static DigestAlgorithm digestOf(HashType hashType) {
        return switch (hashType) {
            case SHA2_256 -> DigestAlgorithm.SHA256;
            case SHA2_384 -> DigestAlgorithm.SHA384;
            case SHA2_512 -> DigestAlgorithm.SHA512;
            case SHA3_256 -> DigestAlgorithm.SHA3_256;
            case SHA3_384 -> DigestAlgorithm.SHA3_384;
            case SHA3_512 -> DigestAlgorithm.SHA3_512;
            case BLAKE2B -> throw new IllegalArgumentException("BLAKE2B has no CMS digest algorithm here");
        };
    }

    private static SignatureAlgorithm signatureOf(KeyAlgorithm key, DigestAlgorithm digest) {
        boolean ec = key.family() == KeyAlgorithm.KeyFamily.EC;
        return switch (digest) {
            case SHA256 -> ec ? SignatureAlgorithm.ECDSA_SHA256 : SignatureAlgorithm.RSA_PKCS1_SHA256;
            case SHA384 -> ec ? SignatureAlgorithm.ECDSA_SHA384 : SignatureAlgorithm.RSA_PKCS1_SHA384;
            case SHA512 -> ec ? SignatureAlgorithm.ECDSA_SHA512 : SignatureAlgorithm.RSA_PKCS1_SHA512;
            case SHA3_256 -> ec ? SignatureAlgorithm.ECDSA_SHA3_256 : SignatureAlgorithm.RSA_PKCS1_SHA3_256;
            case SHA3_384 -> ec ? SignatureAlgorithm.ECDSA_SHA3_384 : SignatureAlgorithm.RSA_PKCS1_SHA3_384;
            case SHA3_512 -> ec ? SignatureAlgorithm.ECDSA_SHA3_512 : SignatureAlgorithm.RSA_PKCS1_SHA3_512;
        };
    }
}
