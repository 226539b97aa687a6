package io.signet.client.sign;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The GovStack {@code hashType} values the client can compute itself, with their JCA and DSS names. BLAKE2B is left
 * out: Signet accepts it for raw EC signatures only and the JDK has no BLAKE2b.
 */
public enum HashType {
    SHA2_256("SHA2-256", "SHA-256", "SHA256"),
    SHA2_384("SHA2-384", "SHA-384", "SHA384"),
    SHA2_512("SHA2-512", "SHA-512", "SHA512"),
    SHA3_256("SHA3-256", "SHA3-256", "SHA3_256"),
    SHA3_384("SHA3-384", "SHA3-384", "SHA3_384"),
    SHA3_512("SHA3-512", "SHA3-512", "SHA3_512");

    private final String apiName;
    private final String jcaName;
    private final String dssName;

    HashType(String apiName, String jcaName, String dssName) {
        this.apiName = apiName;
        this.jcaName = jcaName;
        this.dssName = dssName;
    }

    /** The name in the API, e.g. {@code SHA2-256}. */
    public String apiName() {
        return apiName;
    }

    /** The JCA algorithm name, e.g. {@code SHA-256}. */
    public String jcaName() {
        return jcaName;
    }

    /** The name of {@code eu.europa.esig.dss.enumerations.DigestAlgorithm}, e.g. {@code SHA256}. */
    public String dssName() {
        return dssName;
    }

    /** A fresh digest; MessageDigest instances are not thread-safe. */
    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " is not available in this JDK", e);
        }
    }

    /** The API name ({@code SHA2-256}), case-insensitive. */
    public static HashType fromApiName(String name) {
        return Arrays.stream(values())
                .filter(h -> h.apiName.equalsIgnoreCase(name.strip()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown hash type " + name + "; expected one of "
                        + Arrays.stream(values()).map(HashType::apiName).toList()));
    }

    @Override
    public String toString() {
        return apiName.toUpperCase(Locale.ROOT);
    }
}
