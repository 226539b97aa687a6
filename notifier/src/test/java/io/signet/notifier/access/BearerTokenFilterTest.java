package io.signet.notifier.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BearerTokenFilterTest {

    private final BearerTokenFilter filter = new BearerTokenFilter("s3cret-ops-token", "signet-ops", "the ops token");

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
        assertThatThrownBy(() -> new BearerTokenFilter(" ", "signet-ops", "the ops token"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokenComesFromThePropertyElseTheFirstLineOfTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ops.token");
        Files.writeString(file, "from-file\nsecond line\n");

        assertThat(new OpsProperties("direct", file).resolve()).contains("direct");
        assertThat(new OpsProperties(null, file).resolve()).contains("from-file");
        assertThat(new InternalProperties(null, file).resolve()).contains("from-file");
        assertThat(new OpsProperties(" ", null).resolve()).isEmpty();
        assertThatThrownBy(() -> new OpsProperties(null, dir.resolve("missing")).resolve())
                .hasMessageContaining("cannot read the ops token file");
        Files.writeString(file, "\n");
        assertThatThrownBy(() -> new InternalProperties(null, file).resolve())
                .hasMessageContaining("the internal token file")
                .hasMessageContaining("is empty");
    }
}
