package io.signet.notifier.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpsTokenFilterTest {

    private final OpsTokenFilter filter = new OpsTokenFilter("s3cret-ops-token");

    @Test
    void onlyTheExactBearerTokenIsAdmitted() {
        assertThat(filter.admits("Bearer s3cret-ops-token")).isTrue();
        assertThat(filter.admits("bearer s3cret-ops-token")).isTrue();
        assertThat(filter.admits(null)).isFalse();
        assertThat(filter.admits("")).isFalse();
        assertThat(filter.admits("Bearer ")).isFalse();
        assertThat(filter.admits("Bearer s3cret-ops-toke")).isFalse();
        assertThat(filter.admits("Bearer s3cret-ops-token2")).isFalse();
        assertThat(filter.admits("Basic s3cret-ops-token")).isFalse();
        assertThat(filter.admits("s3cret-ops-token")).isFalse();
    }

    @Test
    void blankTokenIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new OpsTokenFilter(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokenComesFromThePropertyElseTheFirstLineOfTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ops.token");
        Files.writeString(file, "from-file\nsecond line\n");

        assertThat(OpsConfiguration.token(new OpsProperties("direct", file))).contains("direct");
        assertThat(OpsConfiguration.token(new OpsProperties(null, file))).contains("from-file");
        assertThat(OpsConfiguration.token(new OpsProperties(" ", null))).isEmpty();
        assertThatThrownBy(() -> OpsConfiguration.token(new OpsProperties(null, dir.resolve("missing"))))
                .hasMessageContaining("cannot read the ops token file");
    }
}
