package io.signet.schemas;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Hash algorithm of a submitted digest, spelled as the GovStack eSignature API writes it ({@code SHA2-256} ...
 * {@code BLAKE2B}). OIDs as in ETSI TS 119 432; BLAKE2B is BLAKE2b-512.
 */
public enum HashType {
    SHA2_256("SHA2-256", "SHA-256", "2.16.840.1.101.3.4.2.1", 32),
    SHA2_384("SHA2-384", "SHA-384", "2.16.840.1.101.3.4.2.2", 48),
    SHA2_512("SHA2-512", "SHA-512", "2.16.840.1.101.3.4.2.3", 64),
    SHA3_256("SHA3-256", "SHA3-256", "2.16.840.1.101.3.4.2.8", 32),
    SHA3_384("SHA3-384", "SHA3-384", "2.16.840.1.101.3.4.2.9", 48),
    SHA3_512("SHA3-512", "SHA3-512", "2.16.840.1.101.3.4.2.10", 64),
    BLAKE2B("BLAKE2B", "BLAKE2B-512", "1.3.6.1.4.1.1722.12.2.1.16", 64);

    private final String value;
    private final String jcaName;
    private final String oid;
    private final int digestLength;

    HashType(String value, String jcaName, String oid, int digestLength) {
        this.value = value;
        this.jcaName = jcaName;
        this.oid = oid;
        this.digestLength = digestLength;
    }

    /** The GovStack spelling, used in JSON. */
    @JsonValue
    public String value() {
        return value;
    }

    /** Name for {@code MessageDigest.getInstance} (BLAKE2B-512 needs the BouncyCastle provider). */
    public String jcaName() {
        return jcaName;
    }

    /** Dotted object identifier of the digest algorithm. */
    public String oid() {
        return oid;
    }

    /** Length of a digest of this type in bytes; a submitted hash must have exactly this length. */
    public int digestLength() {
        return digestLength;
    }

    /** Parses the GovStack spelling. */
    @JsonCreator
    public static HashType of(String value) {
        for (HashType type : values()) {
            if (type.value.equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown hash type");
    }
}
