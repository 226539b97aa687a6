package io.signet.hsm.softhsm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoftHsmConfigTest {

    @Test
    void writesAFileStoreConfigAndCreatesTheDirectories(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("a/b/softhsm2.conf");
        Path tokens = dir.resolve("a/tokens");

        Path written = SoftHsmConfig.writeConfig(conf, tokens);

        assertThat(written).isEqualTo(conf);
        assertThat(tokens).isDirectory();
        assertThat(Files.readAllLines(conf))
                .containsExactly(
                        "directories.tokendir = " + tokens.toAbsolutePath(),
                        "objectstore.backend = file",
                        "log.level = ERROR");
    }

    @Test
    void defaultModuleIsAnExistingFileOrTheOverride() {
        Path module = SoftHsmConfig.defaultModulePath();

        if (System.getenv(SoftHsmConfig.MODULE_ENV) == null) {
            assertThat(module).isRegularFile();
            assertThat(module.getFileName()).hasToString("libsofthsm2.so");
        } else {
            assertThat(module).hasToString(System.getenv(SoftHsmConfig.MODULE_ENV));
        }
    }
}
