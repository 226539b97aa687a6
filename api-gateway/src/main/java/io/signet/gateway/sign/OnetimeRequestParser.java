package io.signet.gateway.sign;

import io.signet.gateway.error.ApiException;
import io.signet.schemas.ConformanceLevel;
import io.signet.schemas.HashType;
import io.signet.schemas.KeyAlgorithm;
import io.signet.schemas.SignatureFormat;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and validates the JSON body of {@code POST /v1/sign/onetime} with the status codes of issue 3: unreadable
 * or ill-typed input and unknown enum values 400, a missing mandatory field or a value that breaks a rule 422.
 * The body is parsed as a tree rather than bound to a class so that every rule has its own message. Thread-safe.
 */
public final class OnetimeRequestParser {

    /** GovStack's DisplayData limit. */
    static final int MAX_DISPLAY_CHARS = 256;
    /** Nonce and state are echoed to the RP; a bound keeps rows and callbacks small. */
    static final int MAX_ECHO_CHARS = 512;

    static final int MAX_CALLBACK_URL_CHARS = 2048;

    /** Issue 3: B-T unless the RP asks otherwise. */
    public static final ConformanceLevel DEFAULT_LEVEL = ConformanceLevel.ADES_B_T;

    public static final KeyAlgorithm DEFAULT_KEY_ALGORITHM = KeyAlgorithm.EC_P256;

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    public OnetimeRequest parse(byte[] body) {
        JsonNode root = readTree(body);
        if (!root.isObject()) {
            throw ApiException.badRequest("Malformed JSON: the body must be a JSON object");
        }
        SignatureFormat format = enumField(root, "format", true, OnetimeRequestParser::format);
        HashType hashType = enumField(root, "hashType", true, OnetimeRequestParser::hashType);
        String hash = text(root, "hash")
                .filter(h -> !h.isEmpty())
                .orElseThrow(() -> ApiException.unprocessable("Mandatory field not present: hash"));
        checkHashLength(hash, hashType);
        String display = text(root, "dataToBeDisplayed").orElse(null);
        if (display != null && display.codePointCount(0, display.length()) > MAX_DISPLAY_CHARS) {
            throw ApiException.unprocessable("dataToBeDisplayed is longer than " + MAX_DISPLAY_CHARS + " characters");
        }
        Instant requestTimestamp = text(root, "requestTimestamp")
                .map(OnetimeRequestParser::timestamp)
                .orElse(null);
        String callbackUrl = bounded(root, "callbackUrl", MAX_CALLBACK_URL_CHARS);
        String nonce = bounded(root, "nonce", MAX_ECHO_CHARS);
        String state = bounded(root, "state", MAX_ECHO_CHARS);
        ConformanceLevel level = enumField(root, "conformanceLevel", false, OnetimeRequestParser::level);
        KeyAlgorithm algorithm = enumField(root, "keyAlgorithm", false, OnetimeRequestParser::keyAlgorithm);
        return new OnetimeRequest(
                format,
                hash,
                hashType,
                display,
                requestTimestamp,
                callbackUrl,
                nonce,
                state,
                level == null ? DEFAULT_LEVEL : level,
                algorithm == null ? DEFAULT_KEY_ALGORITHM : algorithm);
    }

    private static SignatureFormat format(String value) {
        try {
            return SignatureFormat.of(value);
        } catch (IllegalArgumentException e) {
            // GovStack also lists these; they need the document rather than its hash, so Signet does not make them.
            boolean govStack = value.equals("XAdES") || value.equals("ASIC") || value.equals("JWS");
            throw ApiException.badRequest(
                    (govStack ? "Unsupported format: Signet signs hashes as " : "Unknown format: allowed values are ")
                            + allowed(SignatureFormat.values(), SignatureFormat::value));
        }
    }

    private static HashType hashType(String value) {
        try {
            return HashType.of(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    "Unknown hashType: allowed values are " + allowed(HashType.values(), HashType::value));
        }
    }

    private static ConformanceLevel level(String value) {
        try {
            return ConformanceLevel.of(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Unknown conformanceLevel: allowed values are "
                    + allowed(ConformanceLevel.values(), ConformanceLevel::value));
        }
    }

    private static KeyAlgorithm keyAlgorithm(String value) {
        return Arrays.stream(KeyAlgorithm.values())
                .filter(a -> a.name().equals(value))
                .findFirst()
                .orElseThrow(() -> ApiException.badRequest(
                        "Unknown keyAlgorithm: allowed values are " + allowed(KeyAlgorithm.values(), Enum::name)));
    }

    private static <E> String allowed(E[] values, Function<E, String> name) {
        return String.join(", ", Arrays.stream(values).map(name).toList());
    }

    private JsonNode readTree(byte[] body) {
        if (body.length == 0) {
            throw ApiException.badRequest("Malformed JSON: the body is empty");
        }
        try {
            return mapper.readTree(body);
        } catch (JacksonException e) {
            // Jackson's message quotes the input: say where, not what.
            throw ApiException.badRequest("Malformed JSON at line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ", column "
                    + (e.getLocation() == null ? "?" : e.getLocation().getColumnNr()));
        }
    }

    private static void checkHashLength(String hash, HashType hashType) {
        byte[] digest = StrictBase64.decode("hash", hash, hashType.digestLength());
        if (digest.length == hashType.digestLength()) {
            return;
        }
        if (digest.length == 2 * hashType.digestLength()
                && StrictBase64.looksHex(new String(digest, java.nio.charset.StandardCharsets.ISO_8859_1))) {
            throw ApiException.badRequest("hash is base64 of a hex string: encode the raw digest bytes in base64");
        }
        throw ApiException.unprocessable("hash decodes to " + digest.length + " bytes but " + hashType.value()
                + " digests are " + hashType.digestLength() + " bytes");
    }

    private static Instant timestamp(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("requestTimestamp is not an ISO 8601 date-time with offset");
        }
    }

    private static String bounded(JsonNode root, String field, int maxChars) {
        String value = text(root, field).orElse(null);
        if (value != null && value.length() > maxChars) {
            throw ApiException.unprocessable(field + " is longer than " + maxChars + " characters");
        }
        return value;
    }

    private static <T> T enumField(JsonNode root, String field, boolean mandatory, Function<String, T> parse) {
        Optional<String> value = text(root, field);
        if (value.isEmpty()) {
            if (mandatory) {
                throw ApiException.unprocessable("Mandatory field not present: " + field);
            }
            return null;
        }
        return parse.apply(value.get());
    }

    /** A string field; absent and JSON null are both "not present", any other type is a 400. */
    private static Optional<String> text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isString()) {
            throw ApiException.badRequest(field + " must be a JSON string");
        }
        return Optional.of(node.stringValue());
    }
}
