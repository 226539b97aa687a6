package io.signet.client.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.client.sign.SignetClientException;
import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void durationsReadAsPeopleTypeThem() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Durations.parse("60")).isEqualTo(Duration.ofSeconds(60));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("1H")).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> Durations.parse("soon"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a duration: soon");
    }

    @Test
    void errorKindsNameTheHttpStatusOrTheFailure() {
        assertThat(PipelineRun.errorKind(new SignetClientException(
                        SignetClientException.Kind.REJECTED, "the gateway answered 503: try later")))
                .isEqualTo("http 503");
        assertThat(PipelineRun.errorKind(new SignetClientException(
                        SignetClientException.Kind.UNREACHABLE, "cannot connect", new ConnectException())))
                .isEqualTo("unreachable (ConnectException)");
    }
}
