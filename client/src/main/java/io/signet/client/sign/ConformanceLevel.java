package io.signet.client.sign;

import java.util.Arrays;

/** The AdES baseline level Signet produces: B-B, B-T (with a signature time-stamp) or B-LT (with validation data). */
public enum ConformanceLevel {
    B_B("AdES-B-B", "B"),
    B_T("AdES-B-T", "T"),
    B_LT("AdES-B-LT", "LT");

    private final String apiName;
    private final String suffix;

    ConformanceLevel(String apiName, String suffix) {
        this.apiName = apiName;
        this.suffix = suffix;
    }

    /** The {@code conformanceLevel} value in the API, e.g. {@code AdES-B-T}. */
    public String apiName() {
        return apiName;
    }

    /** The level as DSS names it after {@code -BASELINE-}: {@code B}, {@code T} or {@code LT}. */
    public String baselineSuffix() {
        return suffix;
    }

    /** {@code B-B}, {@code B-T}, {@code B-LT} or the API names ({@code AdES-B-T}), case-insensitive. */
    public static ConformanceLevel parse(String text) {
        String name = text.strip();
        return Arrays.stream(values())
                .filter(l -> l.apiName.equalsIgnoreCase(name)
                        || l.apiName.substring(5).equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalArgumentException("unknown level " + text + "; expected B-B, B-T or B-LT"));
    }

    @Override
    public String toString() {
        return apiName.substring(5);
    }
}
