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
    @ValueSource(strings = {"", "-_8B", "+/8", "+/8B\n", "+/8B==", "QQ", "QR=="})
    void rejectsAnythingButCanonicalPaddedStandardBase64(String text) {
        assertThatThrownBy(() -> new Base64Bytes(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(text.isEmpty() ? "\u0000" : text);
    }

    @Test
    void toStringShowsTheLengthOnly() {
        assertThat(Base64Bytes.of(new byte[] {1, 2, 3, 4})).hasToString("Base64Bytes[4 bytes]");
    }
}
