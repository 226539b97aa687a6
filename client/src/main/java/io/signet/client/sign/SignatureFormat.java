package io.signet.client.sign;

import java.util.Arrays;

/** What Signet returns: the bare value, a detached CMS (CAdES), or the CMS for a PDF signature dictionary. */
public enum SignatureFormat {
    RAW("raw"),
    CADES("CAdES"),
    PADES("PAdES");

    private final String apiName;

    SignatureFormat(String apiName) {
        this.apiName = apiName;
    }

    /** The {@code format} value in the API. */
    public String apiName() {
        return apiName;
    }

    /** {@code raw}, {@code CAdES} or {@code PAdES}, case-insensitive. */
    public static SignatureFormat fromApiName(String name) {
        return Arrays.stream(values())
                .filter(f -> f.apiName.equalsIgnoreCase(name.strip()))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalArgumentException("unknown format " + name + "; expected raw, CAdES or PAdES"));
    }

    @Override
    public String toString() {
        return apiName;
    }
}
