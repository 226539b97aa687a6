package io.signet.schemas;

/** Algorithm of a signing key generated in the HSM; serialised by name. */
public enum KeyAlgorithm {
    /** ECDSA on NIST P-256 (secp256r1), the default. */
    EC_P256,
    /** ECDSA on NIST P-384 (secp384r1). */
    EC_P384,
    /** RSA with a 3072-bit modulus. */
    RSA_3072
}
