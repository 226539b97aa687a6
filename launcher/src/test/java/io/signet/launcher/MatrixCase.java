package io.signet.launcher;

import io.signet.client.sign.ConformanceLevel;
import io.signet.client.sign.HashType;
import io.signet.client.sign.SignatureFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * One combination of the end-to-end matrix: key algorithm × hashType × format × level.
 *
 * @param keyAlgorithm {@code EC_P256}, {@code EC_P384} or {@code RSA_3072}
 * @param hashType the API's hashType ({@code SHA2-256} … {@code SHA3-512}, {@code BLAKE2B})
 * @param format raw, CAdES or PAdES
 * @param level B-B, B-T or B-LT
 */
record MatrixCase(String keyAlgorithm, String hashType, SignatureFormat format, ConformanceLevel level) {

    static final List<String> KEY_ALGORITHMS = List.of("EC_P256", "EC_P384", "RSA_3072");
    static final String BLAKE2B = "BLAKE2B";

    /**
     * Every combination: the six SHA-2/SHA-3 hash types the gateway accepts (sign-worker's SignatureSuite supports
     * them for every key and format), and BLAKE2B, which the README documents as "raw EC signatures only".
     */
    static List<MatrixCase> all() {
        List<String> hashTypes = new ArrayList<>();
        for (HashType hash : HashType.values()) {
            hashTypes.add(hash.apiName());
        }
        hashTypes.add(BLAKE2B);
        List<MatrixCase> cases = new ArrayList<>();
        // The key algorithm varies fastest, so that the slow RSA key generations spread over the whole run instead
        // of piling up in one stretch of it.
        for (String hash : hashTypes) {
            for (SignatureFormat format : SignatureFormat.values()) {
                for (ConformanceLevel level : ConformanceLevel.values()) {
                    for (String key : KEY_ALGORITHMS) {
                        cases.add(new MatrixCase(key, hash, format, level));
                    }
                }
            }
        }
        return cases;
    }

    /** Whether Signet documents this combination as supported (BLAKE2B: raw with an EC key only). */
    boolean supported() {
        return !hashType.equals(BLAKE2B) || (format == SignatureFormat.RAW && keyAlgorithm.startsWith("EC_"));
    }

    /** The client library's hash type; empty for BLAKE2B, which the client cannot compute. */
    java.util.Optional<HashType> clientHashType() {
        return hashType.equals(BLAKE2B)
                ? java.util.Optional.empty()
                : java.util.Optional.of(HashType.fromApiName(hashType));
    }

    boolean timeStamped() {
        return level != ConformanceLevel.B_B;
    }

    /** A file-name-safe name, e.g. {@code EC_P256-SHA2-256-CAdES-B-T}. */
    String fileName() {
        return keyAlgorithm + "-" + hashType + "-" + format.apiName() + "-" + level;
    }

    @Override
    public String toString() {
        return keyAlgorithm + " " + hashType + " " + format.apiName() + " " + level.apiName();
    }
}
