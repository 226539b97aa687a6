package io.signet.gateway.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.gateway.error.ApiException;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrictBase64Test {

    // The 003 guide's SHA-512 example and its wrong encodings.
    static final String VALID =
            "MJPleish2cowx7NHhBpzniGG/SlYb61qXhpTTZWiDr70Gyifuu7708aqmITBrnYlAPsAdMGyAjuA8ZYNhvN8sw==";

    @Test
    void canonicalStandardBase64Decodes() {
        assertThat(StrictBase64.decode("hash", VALID, 64)).hasSize(64);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "3093e57a2b21d9ca30c7b347841a739e2186fd29586fad6a5e1a534d95a20ebef41b289fbaeefbd3c6aa9884c1ae762500fb0074c1b2023b80f1960d86f37cb3|hex-encoded",
                "MJPleish2cowx7NHhBpzniGG_SlYb61qXhpTTZWiDr70Gyifuu7708aqmITBrnYlAPsAdMGyAjuA8ZYNhvN8sw==|URL-safe",
                "'MJPleish2cowx7NHhBpzniGG/SlYb61qXhpTTZWiDr70 Gyifuu7708aqmITBrnYlAPsAdMGyAjuA8ZYNhvN8sw=='|whitespace",
                "MJPleish2cowx7NHhBpzniGG/SlYb61qXhpTTZWiDr70Gyifuu7708aqmITBrnYlAPsAdMGyAjuA8ZYNhvN8sw|bad padding",
                "MJPleish2cowx7NHhBpzniGG/SlYb61qXhpTTZWiDr70Gyifuu7708aqmITBrnYlAPsAdMGyAjuA8ZYNhvN8sw=|bad padding",
                "MJPl=ish2cowx7NHhBpzniGG/SlYb61qXhpTTZWiDr70Gyifuu7708aqmITBrnYlAPsAdMGyAjuA8ZYNhvN8sw==|bad padding",
                "MJPleish2cowx7NHhBpzniGG/SlYb61qXhpTTZWiDr70Gyifuu7708aqmITBrnYlAPsAdMGyAjuA8ZYNhvN8sx==|non-zero bits",
                "MJPleish2cowx7NHhBpzniGG/SlYb61qXhpTTZWiDr70Gyifuu7708aqmITBrnYlAPsAdMGyAjuA8ZYNhvN8s*==|outside the base64 alphabet"
            })
    void nonStandardEncodingsAreRefusedWithAMessageNamingTheProblem(String value, String problem) {
        assertThatThrownBy(() -> StrictBase64.decode("hash", value, 64))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(((ApiException) e).status().value()).isEqualTo(400));
    }

    @Test
    void hexDigitsThatAreValidBase64OfTheExpectedLengthAreBase64() {
        String zeros48 = Base64.getEncoder().encodeToString(new byte[48]); // 64 x 'A'
        assertThat(StrictBase64.decode("hash", zeros48, 48)).hasSize(48);
        assertThatThrownBy(() -> StrictBase64.decode("hash", zeros48, 32)).hasMessageContaining("hex-encoded");
    }

    @Test
    void lineBreaksOfMimeBase64AreWhitespace() {
        String mime = Base64.getMimeEncoder(8, "\r\n".getBytes()).encodeToString(new byte[32]);
        assertThatThrownBy(() -> StrictBase64.decode("hash", mime, 32)).hasMessageContaining("whitespace");
    }
}
