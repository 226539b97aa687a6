package io.signet.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Base64BytesTest {

    @Test
    void comparesByContentAndHandsOutCopies() {
        byte[] raw = {(byte) 0xfb, (byte) 0xff, 0x01};
        Base64Bytes value = Base64Bytes.of(raw);
        raw[0] = 0;

        assertThat(value.base64()).isEqualTo("+/8B");
        assertThat(value).isEqualTo(new Base64Bytes("+/8B"));
        assertThat(value.length()).isEqualTo(3);
        value.bytes()[1] = 0;
        assertThat(value.bytes()).containsExactly(0xfb, 0xff, 0x01);
    }

    @Test
    void lengthAccountsForPadding() {
        assertThat(Base64Bytes.of(new byte[32]).length()).isEqualTo(32);
        assertThat(Base64Bytes.of(new byte[64]).length()).isEqualTo(64);
        assertThat(Base64Bytes.of(new byte[1]).length()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "-_8B",
                "+/8",
                "+/8B\n",
                "+/8B==",
                "QQ",
                "QR==",
                "QUJ=",
                "====",
                "A===",
                "A=B=",
                "QQ==QQ==",
                "QUJ\u00c1",
                "\u0141UJD"
            })
    void rejectsAnythingButCanonicalPaddedStandardBase64(String text) {
        assertThatThrownBy(() -> new Base64Bytes(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(text.isEmpty() ? "\u0000" : text);
    }

    @Test
    void acceptsExactlyWhatTheStandardEncoderWrites() {
        // Against the definition itself: decodes, is not empty, and encodes back to the same text.
        java.util.Random random = new java.util.Random(20261204);
        // Also characters past ASCII whose low seven bits are those of alphabet characters ('A' + 128, 'A' + 256).
        String alphabet = "AQRgw09+/=-_ \n\u00c1\u0141";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(13); n > 0; n--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            boolean canonical;
            try {
                byte[] bytes = java.util.Base64.getDecoder().decode(text.toString());
                canonical = bytes.length > 0
                        && java.util.Base64.getEncoder().encodeToString(bytes).equals(text.toString());
            } catch (IllegalArgumentException e) {
                canonical = false;
            }
            boolean accepted;
            try {
                new Base64Bytes(text.toString());
                accepted = true;
            } catch (IllegalArgumentException e) {
                accepted = false;
            }
            assertThat(accepted).as("'%s'", text).isEqualTo(canonical);
        }
        for (int length = 1; length < 70; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            assertThat(Base64Bytes.of(bytes).bytes()).isEqualTo(bytes);
        }
    }

    @Test
    void toStringShowsTheLengthOnly() {
        assertThat(Base64Bytes.of(new byte[] {1, 2, 3, 4})).hasToString("Base64Bytes[4 bytes]");
    }
}
