package io.signet.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallbackSenderTest {

    @Test
    void retryAfterReadsSecondsAndIgnoresGarbage() {
        assertThat(CallbackSender.retryAfter("120")).isEqualTo(Duration.ofMinutes(2));
        assertThat(CallbackSender.retryAfter("soon")).isNull();
        assertThat(CallbackSender.retryAfter(null)).isNull();
        assertThat(CallbackSender.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
    }
}
