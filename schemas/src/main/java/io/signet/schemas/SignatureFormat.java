package io.signet.schemas;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Output format of a signature, spelled as the GovStack eSignature API writes it. */
public enum SignatureFormat {
    /** The bare signature value (ECDSA as r||s, RSA PKCS#1 v1.5). */
    RAW("raw"),
    /** Detached CMS SignedData over the submitted hash with signing-certificate-v2 (ETSI EN 319 122). */
    CADES("CAdES"),
    /** CMS SignedData for a PDF signature dictionary (ETSI EN 319 142). */
    PADES("PAdES");

    private final String value;

    SignatureFormat(String value) {
        this.value = value;
    }

    /** The GovStack spelling, used in JSON. */
    @JsonValue
    public String value() {
        return value;
    }

    /** Parses the GovStack spelling ({@code raw}, {@code CAdES}, {@code PAdES}). */
    @JsonCreator
    public static SignatureFormat of(String value) {
        for (SignatureFormat format : values()) {
            if (format.value.equals(value)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unsupported signature format");
    }
}
