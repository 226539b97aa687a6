package io.signet.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** For every event type: golden file, JSON Schema and record agree, and v1 readers stay forward compatible. */
class EventContractsTest {

    private static final EventCodec CODEC = Contracts.CODEC;

    static List<EventType<?>> eventTypes() {
        return EventTypes.ALL;
    }

    static Stream<Arguments> requiredFields() {
        return EventTypes.ALL.stream()
                .flatMap(type -> Contracts.schema(type).getSchemaNode().get("required").values().stream()
                        .map(field -> Arguments.of(type, field.asString())));
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void goldenFileDeserialisesAndReserialisesToTheSameJson(EventType<?> type) {
        SignetEvent event = CODEC.fromJson(Contracts.goldenBytes(type), type.payloadClass());

        JsonNode written = CODEC.mapper().readTree(CODEC.toJson(event));

        assertThat(written).isEqualTo(Contracts.goldenTree(type));
        assertThat(CODEC.fromJson(CODEC.toJson(event), type.payloadClass())).isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void goldenFileValidatesAgainstItsSchema(EventType<?> type) {
        assertThat(Contracts.validate(type, Contracts.goldenTree(type))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void recordBuiltInCodeValidatesAgainstItsSchemaAndRoundTrips(EventType<?> type) {
        SignetEvent event = SampleEvents.all().get(type);
        byte[] json = CODEC.toJson(event);

        assertThat(Contracts.validate(type, CODEC.mapper().readTree(json))).isEmpty();
        assertThat(CODEC.fromJson(json, type.payloadClass())).isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void v1ReaderIgnoresFieldsAddedByANewerV1Writer(EventType<?> type) {
        ObjectNode golden = Contracts.goldenTree(type);
        ObjectNode extended = golden.deepCopy();
        extended.put("addedLater", "x");
        extended.putObject("addedLaterObject").put("nested", 1);

        SignetEvent fromExtended = CODEC.fromJson(CODEC.mapper().writeValueAsBytes(extended), type.payloadClass());

        assertThat(fromExtended).isEqualTo(CODEC.fromJson(Contracts.goldenBytes(type), type.payloadClass()));
        assertThat(Contracts.validate(type, extended)).isEmpty();
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("requiredFields")
    void fixtureMissingARequiredFieldFailsSchemaValidationAndDecoding(EventType<?> type, String field) {
        ObjectNode incomplete = Contracts.goldenTree(type);
        assertThat(incomplete.remove(field)).as("golden file has %s", field).isNotNull();

        assertThat(Contracts.validate(type, incomplete)).isNotEmpty();
        assertThatThrownBy(() -> CODEC.fromJson(CODEC.mapper().writeValueAsBytes(incomplete), type.payloadClass()))
                .isInstanceOf(EventContractException.class)
                .hasMessageContaining(type.payloadClass().getSimpleName());
    }

    @Test
    void issuedCertificateWithoutItsSerialNumberFailsSchemaValidation() {
        ObjectNode incomplete = Contracts.goldenTree(EventTypes.CERT_ISSUED_V1);
        incomplete.remove("serialNumber");

        assertThat(Contracts.validate(EventTypes.CERT_ISSUED_V1, incomplete)).isNotEmpty();
        assertThatThrownBy(() -> CODEC.fromJson(CODEC.mapper().writeValueAsBytes(incomplete), CertIssued.class))
                .isInstanceOf(EventContractException.class);
    }

    @Test
    void refusedCertificateValidatesAndCarriesNoCertificate() {
        CertIssued refused = SampleEvents.certRefused();
        JsonNode json = CODEC.mapper().readTree(CODEC.toJson(refused));

        assertThat(Contracts.validate(EventTypes.CERT_ISSUED_V1, json)).isEmpty();
        assertThat(json.has("certificate")).isFalse();
        assertThat(json.get("error").get("code").asString()).isEqualTo("INVALID_CSR");
        assertThat(CODEC.fromJson(CODEC.toJson(refused), CertIssued.class).succeeded())
                .isFalse();
    }

    @Test
    void replyWithBothCertificateAndErrorFailsSchemaValidationAndDecoding() {
        ObjectNode both = Contracts.goldenTree(EventTypes.CERT_ISSUED_V1);
        both.putObject("error").put("code", "INTERNAL").put("message", "boom");

        assertThat(Contracts.validate(EventTypes.CERT_ISSUED_V1, both)).isNotEmpty();
        assertThatThrownBy(() -> CODEC.fromJson(CODEC.mapper().writeValueAsBytes(both), CertIssued.class))
                .isInstanceOf(EventContractException.class);
    }

    @Test
    void impossibleDateFailsSchemaValidationBecauseFormatsAreAsserted() {
        ObjectNode golden = Contracts.goldenTree(EventTypes.SIGN_REQUESTED_V1);
        golden.put("deadline", "2026-02-30T10:00:00Z");

        assertThat(Contracts.validate(EventTypes.SIGN_REQUESTED_V1, golden)).isNotEmpty();
    }

    @Test
    void unsupportedHashTypeFailsSchemaValidationAndDecoding() {
        ObjectNode golden = Contracts.goldenTree(EventTypes.SIGN_REQUESTED_V1);
        golden.put("hashType", "MD5");

        assertThat(Contracts.validate(EventTypes.SIGN_REQUESTED_V1, golden)).isNotEmpty();
        assertThatThrownBy(() -> CODEC.fromJson(CODEC.mapper().writeValueAsBytes(golden), SignRequested.class))
                .isInstanceOf(EventContractException.class)
                .hasMessageContaining("/hashType");
    }

    @Test
    void nonCanonicalBase64FailsSchemaValidation() {
        ObjectNode golden = Contracts.goldenTree(EventTypes.SIGN_REQUESTED_V1);
        String hash = golden.get("hash").asString();
        golden.put("hash", hash.replace('/', '_').replace('+', '-').replace("=", ""));

        assertThat(Contracts.validate(EventTypes.SIGN_REQUESTED_V1, golden)).isNotEmpty();
    }

    @Test
    void enumsUseTheSpellingOfTheSpecifications() {
        JsonNode json = CODEC.mapper().readTree(CODEC.toJson(SampleEvents.signRequested()));

        assertThat(json.get("format").asString()).isEqualTo("raw");
        assertThat(json.get("conformanceLevel").asString()).isEqualTo("AdES-B-B");
        assertThat(json.get("keyAlgorithm").asString()).isEqualTo("EC_P384");
        assertThat(json.get("hashType").asString()).isEqualTo("SHA3-384");
        assertThat(json.get("requestedAt").asString()).isEqualTo("2026-11-21T14:05:09.250Z");
        assertThat(json.has("callbackUrl")).as("nulls are omitted").isFalse();
    }
}
