package io.signet.gateway.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class RedactedExceptionTest {

    @Test
    void keepsEveryTypeAndStackTraceButNoMessage() {
        SQLException driver = new SQLException("value Jane Doe too long", "22001");
        IllegalStateException failure = new IllegalStateException("arguments: Jane Doe", driver);

        RedactedException redacted = RedactedException.of(failure);

        String logged = printed(redacted);
        assertThat(logged)
                .doesNotContain("Jane Doe")
                .contains(IllegalStateException.class.getName())
                .contains(SQLException.class.getName());
        assertThat(redacted.getStackTrace()).isEqualTo(failure.getStackTrace());
        assertThat(redacted.getCause().getStackTrace()).isEqualTo(driver.getStackTrace());
        assertThat(redacted.getCause().getCause()).isNull();
    }

    @Test
    void aCyclicCauseChainEnds() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);

        assertThat(printed(RedactedException.of(first))).doesNotContain("first", "second");
    }

    private static String printed(Throwable throwable) {
        StringWriter text = new StringWriter();
        throwable.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
