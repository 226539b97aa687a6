package io.signet.gateway.sign;

import io.signet.gateway.error.ApiException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Reads the {@code wait} preference of an RFC 7240 {@code Prefer} header (N seconds, at most 60). */
final class PreferWait {

    static final int MAX_SECONDS = 60;

    private PreferWait() {}

    /** @throws ApiException 400 when {@code wait} is present but not an integer from 0 to 60 */
    static Optional<Duration> parse(String prefer) {
        if (prefer == null) {
            return Optional.empty();
        }
        for (String preference : prefer.split(",")) {
            // Parameters after ';' belong to the preference and are ignored for wait.
            String token = preference.split(";", 2)[0].trim();
            int eq = token.indexOf('=');
            String name = (eq < 0 ? token : token.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            if (!name.equals("wait")) {
                continue;
            }
            String value = eq < 0 ? "" : token.substring(eq + 1).trim().replace("\"", "");
            if (!value.matches("[0-9]{1,9}") || Integer.parseInt(value) > MAX_SECONDS) {
                throw ApiException.badRequest(
                        "Prefer: wait must be a whole number of seconds from 0 to " + MAX_SECONDS);
            }
            return Optional.of(Duration.ofSeconds(Integer.parseInt(value)));
        }
        return Optional.empty();
    }
}
