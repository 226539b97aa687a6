package io.signet.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HsmConfigTest {

    @Test
    void toStringNeverShowsThePin() {
        HsmConfig config =
                HsmConfig.of(Path.of("/usr/lib/softhsm/libsofthsm2.so"), "signet-sign", "s3cr3t-PIN".toCharArray());

        assertThat(config.toString()).doesNotContain("s3cr3t-PIN").contains("signet-sign", "<hidden>");
    }

    @Test
    void defaultsAreTwoSessionsPerCoreAndFiveSeconds() {
        HsmConfig config = HsmConfig.of(Path.of("/x.so"), "t", "1234".toCharArray());

        assertThat(config.sessionPoolSize()).isEqualTo(2 * Runtime.getRuntime().availableProcessors());
        assertThat(config.borrowTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void pinFileLosesItsTrailingLineBreakOnly(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("pin"), " pa ss\r\n");

        assertThat(HsmConfig.pinFromFile(file)).containsExactly(' ', 'p', 'a', ' ', 's', 's');
    }

    @Test
    void emptyOrMissingPinFileIsRejectedWithoutContent(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");

        assertThatThrownBy(() -> HsmConfig.pinFromFile(empty))
                .isInstanceOf(HsmException.class)
                .hasMessageStartingWith("PIN file is empty");
        assertThatThrownBy(() -> HsmConfig.pinFromFile(dir.resolve("missing")))
                .isInstanceOf(HsmException.class)
                .hasMessageStartingWith("cannot read PIN file");
    }

    @Test
    void invalidPoolSizeIsRejected() {
        assertThatThrownBy(() -> HsmConfig.of(Path.of("/x.so"), "t", "1234".toCharArray())
                        .withSessionPoolSize(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
