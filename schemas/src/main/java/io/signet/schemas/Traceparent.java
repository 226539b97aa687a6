package io.signet.schemas;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A W3C Trace Context {@code traceparent} (version-traceid-parentid-flags), as events carry it from the HTTP request
 * that started the work.
 *
 * @param traceId 32 lower-case hex digits
 * @param parentId 16 lower-case hex digits: the span that sent the event
 */
public record Traceparent(String traceId, String parentId) {

    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");

    /** Empty when {@code header} is null or malformed: a bad header must never stop the work it came with. */
    public static Optional<Traceparent> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        var matcher = FORMAT.matcher(header.strip().toLowerCase(Locale.ROOT));
        return matcher.matches() ? Optional.of(new Traceparent(matcher.group(1), matcher.group(2))) : Optional.empty();
    }
}
