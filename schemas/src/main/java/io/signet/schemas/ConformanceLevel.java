package io.signet.schemas;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * AdES baseline level (ETSI EN 319 122 / 319 142), spelled as ETSI TS 119 432 {@code conformance_level}. For
 * {@link SignatureFormat#RAW} the level only decides whether a separate signature time-stamp is returned.
 */
public enum ConformanceLevel {
    /** Basic signature. */
    ADES_B_B("AdES-B-B"),
    /** With an RFC 3161 signature time-stamp. */
    ADES_B_T("AdES-B-T"),
    /** B-T plus the CA chain and an OCSP response for long-term validation. */
    ADES_B_LT("AdES-B-LT");

    private final String value;

    ConformanceLevel(String value) {
        this.value = value;
    }

    /** The ETSI spelling, used in JSON. */
    @JsonValue
    public String value() {
        return value;
    }

    /** Parses the ETSI spelling ({@code AdES-B-B}, {@code AdES-B-T}, {@code AdES-B-LT}). */
    @JsonCreator
    public static ConformanceLevel of(String value) {
        for (ConformanceLevel level : values()) {
            if (level.value.equals(value)) {
                return level;
            }
        }
        throw new IllegalArgumentException("unsupported conformance level");
    }
}
