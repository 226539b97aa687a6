package io.signet.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Arrays;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON encoding of event payloads, configured once: instants as ISO-8601 UTC strings, nulls omitted, unknown
 * properties ignored (so a v1 reader accepts what a newer v1 writer adds), unknown {@link SignFailed.ErrorCode}s read
 * as {@code INTERNAL}. Thread-safe; create one per application.
 */
public final class EventCodec {

    private final JsonMapper mapper;

    public EventCodec() {
        this.mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
                .build();
    }

    /** The configured mapper, for callers that need a tree (e.g. the audit log's canonical form). */
    public JsonMapper mapper() {
        return mapper;
    }

    /** UTF-8 JSON of {@code event}. */
    public byte[] toJson(SignetEvent event) {
        try {
            return mapper.writeValueAsBytes(event);
        } catch (JacksonException e) {
            throw new EventContractException("cannot encode " + event.getClass().getSimpleName() + at(e));
        }
    }

    /**
     * Reads {@code json} as {@code type}.
     *
     * @throws EventContractException when the JSON is malformed, a required property is missing or a value is
     *     invalid; the message names the JSON path but not the value, which may be personal data
     */
    public <T> T fromJson(byte[] json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JacksonException e) {
            throw new EventContractException("cannot decode " + type.getSimpleName() + at(e));
        }
    }

    // Jackson's own messages quote the offending input, which may be personal data, so only the JSON path, the kind
    // of failure and messages of this module's own checks (which never quote values) are kept; the cause is dropped
    // for the same reason.
    private static String at(JacksonException e) {
        String path = e instanceof DatabindException d
                ? d.getPath().stream()
                        .map(ref -> ref.getPropertyName() != null ? "/" + ref.getPropertyName() : "/" + ref.getIndex())
                        .collect(Collectors.joining())
                : "";
        String detail = ownCheck(e.getCause()) ? ": " + e.getCause().getMessage() : "";
        return " at '" + path + "' (" + e.getClass().getSimpleName() + detail + ")";
    }

    private static boolean ownCheck(Throwable cause) {
        if (!(cause instanceof IllegalArgumentException || cause instanceof NullPointerException)) {
            return false;
        }
        // Objects.requireNonNull is one frame below the record's constructor.
        return Arrays.stream(cause.getStackTrace())
                .limit(2)
                .anyMatch(frame -> frame.getClassName().startsWith(EventCodec.class.getPackageName() + "."));
    }
}
