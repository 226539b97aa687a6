package io.signet.gateway.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.gateway.error.ApiException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PreferWaitTest {

    @Test
    void readsWaitAmongOtherPreferences() {
        assertThat(PreferWait.parse("respond-async, wait=10")).contains(Duration.ofSeconds(10));
        assertThat(PreferWait.parse("WAIT=60")).contains(Duration.ofSeconds(60));
        assertThat(PreferWait.parse("return=minimal")).isEmpty();
        assertThat(PreferWait.parse(null)).isEmpty();
    }

    @Test
    void waitAbove60OrNotANumberIs400() {
        assertThatThrownBy(() -> PreferWait.parse("wait=61")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> PreferWait.parse("wait=-1")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> PreferWait.parse("wait=soon")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> PreferWait.parse("wait")).isInstanceOf(ApiException.class);
    }
}
