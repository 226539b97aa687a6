package io.signet.gateway.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.gateway.error.ApiException;
import io.signet.schemas.ConformanceLevel;
import io.signet.schemas.HashType;
import io.signet.schemas.KeyAlgorithm;
import io.signet.schemas.SignatureFormat;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OnetimeRequestParserTest {

    private final OnetimeRequestParser parser = new OnetimeRequestParser();

    static final String HASH_32 = Base64.getEncoder().encodeToString(new byte[32]);

    private OnetimeRequest parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static int statusOf(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e.status().value();
        }
        throw new AssertionError("no ApiException");
    }

    @Test
    void minimalRequestGetsTheDefaults() {
        OnetimeRequest request = parse("{\"format\":\"CAdES\",\"hash\":\"" + HASH_32 + "\",\"hashType\":\"SHA2-256\"}");
        assertThat(request.format()).isEqualTo(SignatureFormat.CADES);
        assertThat(request.hashType()).isEqualTo(HashType.SHA2_256);
        assertThat(request.conformanceLevel()).isEqualTo(ConformanceLevel.ADES_B_T);
        assertThat(request.keyAlgorithm()).isEqualTo(KeyAlgorithm.EC_P256);
        assertThat(request.callbackUrl()).isNull();
    }

    @Test
    void everyFieldIsRead() {
        OnetimeRequest request = parse("""
                {"format":"PAdES","hash":"%s","hashType":"SHA3-512","dataToBeDisplayed":"Pay 10 EUR",
                 "requestTimestamp":"2023-03-20T09:12:28Z","callbackUrl":"https://rp.example/cb","nonce":"n1",
                 "state":"s1","conformanceLevel":"AdES-B-LT","keyAlgorithm":"RSA_3072"}""".formatted(Base64.getEncoder().encodeToString(new byte[64])));
        assertThat(request.hashType()).isEqualTo(HashType.SHA3_512);
        assertThat(request.conformanceLevel()).isEqualTo(ConformanceLevel.ADES_B_LT);
        assertThat(request.keyAlgorithm()).isEqualTo(KeyAlgorithm.RSA_3072);
        assertThat(request.requestTimestamp()).hasToString("2023-03-20T09:12:28Z");
        assertThat(request.nonce()).isEqualTo("n1");
        assertThat(request.state()).isEqualTo("s1");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "SHA2-256|32",
                "SHA2-384|48",
                "SHA2-512|64",
                "SHA3-256|32",
                "SHA3-384|48",
                "SHA3-512|64",
                "BLAKE2B|64"
            })
    void hashLengthMustMatchTheType(String type, int length) {
        String good = Base64.getEncoder().encodeToString(new byte[length]);
        String bad = Base64.getEncoder().encodeToString(new byte[length - 1]);
        assertThat(parse("{\"format\":\"raw\",\"hash\":\"" + good + "\",\"hashType\":\"" + type + "\"}")
                        .hashBase64())
                .isEqualTo(good);
        assertThatThrownBy(() -> parse("{\"format\":\"raw\",\"hash\":\"" + bad + "\",\"hashType\":\"" + type + "\"}"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("bytes");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{|400",
                "[]|400",
                "'{\"format\":\"CAdES\",\"hashType\":\"SHA2-256\"}'|422",
                "'{\"format\":\"CAdES\",\"hash\":\"\",\"hashType\":\"SHA2-256\"}'|422",
                "'{\"format\":\"CAdES\",\"hash\":\"HASH\"}'|422",
                "'{\"hash\":\"HASH\",\"hashType\":\"SHA2-256\"}'|422",
                "'{\"format\":\"CAdES\",\"hash\":\"HASH\",\"hashType\":\"MD5\"}'|400",
                "'{\"format\":\"XAdES\",\"hash\":\"HASH\",\"hashType\":\"SHA2-256\"}'|400",
                "'{\"format\":\"cades\",\"hash\":\"HASH\",\"hashType\":\"SHA2-256\"}'|400",
                "'{\"format\":\"CAdES\",\"hash\":\"HASH\",\"hashType\":\"SHA2-256\",\"conformanceLevel\":\"AdES-B-LTA\"}'|400",
                "'{\"format\":\"CAdES\",\"hash\":\"HASH\",\"hashType\":\"SHA2-256\",\"keyAlgorithm\":\"DSA\"}'|400",
                "'{\"format\":\"CAdES\",\"hash\":12,\"hashType\":\"SHA2-256\"}'|400",
                "'{\"format\":\"CAdES\",\"hash\":\"HASH\",\"hashType\":\"SHA2-256\",\"requestTimestamp\":\"yesterday\"}'|400",
                "'{\"format\":\"CAdES\",\"hash\":\"HASH\",\"hash\":\"HASH\",\"hashType\":\"SHA2-256\"}'|400"
            })
    void badInputHasTheDocumentedStatus(String json, int status) {
        assertThat(statusOf(() -> parse(json.replace("HASH", HASH_32)))).isEqualTo(status);
    }

    @Test
    void displayTextOver256CharactersIs422ButExactly256IsFine() {
        String ok = "é".repeat(256);
        String template = "{\"format\":\"raw\",\"hash\":\"" + HASH_32 + "\",\"hashType\":\"SHA2-256\","
                + "\"dataToBeDisplayed\":\"%s\"}";
        assertThat(parse(template.formatted(ok)).dataToBeDisplayed()).hasSize(256);
        assertThat(statusOf(() -> parse(template.formatted(ok + "x")))).isEqualTo(422);
    }

    @Test
    void base64OfAHexStringIsNamed() {
        String hexOfDigest = "ab".repeat(32);
        String hash = Base64.getEncoder().encodeToString(hexOfDigest.getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> parse("{\"format\":\"raw\",\"hash\":\"" + hash + "\",\"hashType\":\"SHA2-256\"}"))
                .hasMessageContaining("hex string");
    }

    @Test
    void malformedJsonMessageDoesNotEchoTheInput() {
        assertThatThrownBy(() -> parse("{\"format\": secret-value"))
                .hasMessageStartingWith("Malformed JSON")
                .hasMessageNotContaining("secret-value");
    }
}
