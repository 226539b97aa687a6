package io.signet.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private final EventCodec codec = new EventCodec();

    @Test
    void errorCodeAddedLaterReadsAsInternal() {
        String json = new String(codec.toJson(SampleEvents.signFailed()), StandardCharsets.UTF_8)
                .replace("\"EXPIRED\"", "\"QUOTA_EXCEEDED\"");

        SignFailed read = codec.fromJson(json.getBytes(StandardCharsets.UTF_8), SignFailed.class);

        assertThat(read.errorCode()).isEqualTo(SignFailed.ErrorCode.INTERNAL);
    }

    @Test
    void hashOfTheWrongLengthForItsTypeIsRejected() {
        String json = new String(codec.toJson(SampleEvents.signRequested()), StandardCharsets.UTF_8)
                .replace("\"SHA3-384\"", "\"SHA2-256\"");

        assertThatThrownBy(() -> codec.fromJson(json.getBytes(StandardCharsets.UTF_8), SignRequested.class))
                .isInstanceOf(EventContractException.class)
                .hasMessageContaining("hash length 48 does not match SHA2-256");
    }

    @Test
    void missingPrimitiveIsRejectedRatherThanDefaulted() {
        String json = new String(codec.toJson(SampleEvents.signFailed()), StandardCharsets.UTF_8)
                .replace(",\"retryable\":false", "");

        assertThatThrownBy(() -> codec.fromJson(json.getBytes(StandardCharsets.UTF_8), SignFailed.class))
                .isInstanceOf(EventContractException.class)
                .hasMessageContaining("SignFailed");
    }

    @Test
    void malformedJsonIsAContractViolation() {
        assertThatThrownBy(() -> codec.fromJson("{\"keyId\":".getBytes(StandardCharsets.UTF_8), KeyDestroyed.class))
                .isInstanceOf(EventContractException.class);
    }

    @Test
    void toStringOfEventsLeavesOutPersonalDataAndSignatures() {
        assertThat(SampleEvents.certRequested().toString())
                .contains("psn-0d41b7")
                .doesNotContain("Jonas", "1975", "Sample Road")
                .doesNotContain(SampleEvents.bytes(300, 3).base64());
        assertThat(SampleEvents.signCompleted().toString())
                .doesNotContain("BEGIN CERTIFICATE")
                .doesNotContain(SampleEvents.bytes(96, 9).base64());
    }

    @Test
    void hashTypesKnowTheirDigestLengthAndGovStackSpelling() {
        assertThat(HashType.of("SHA2-512").digestLength()).isEqualTo(64);
        assertThat(HashType.of("BLAKE2B").jcaName()).isEqualTo("BLAKE2B-512");
        assertThat(SignatureFormat.of("PAdES")).isEqualTo(SignatureFormat.PADES);
        assertThat(ConformanceLevel.of("AdES-B-LT")).isEqualTo(ConformanceLevel.ADES_B_LT);
        assertThatThrownBy(() -> SignatureFormat.of("XAdES")).isInstanceOf(IllegalArgumentException.class);
    }
}
