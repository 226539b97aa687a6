package io.signet.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.embedded.EmbeddedStackException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void aForeignNonEmptyDirectoryIsNeverUsedNorWiped() throws Exception {
        Path precious = Files.writeString(dir.resolve("thesis.tex"), "years of work");

        assertThatThrownBy(() -> DataDirectory.open(dir, true))
                .isInstanceOf(EmbeddedStackException.class)
                .hasMessageContaining("was not created by Signet");
        assertThat(precious).hasContent("years of work");
    }

    @Test
    void wipeDeletesEverythingOfOursButKeepsTheDirectoryUsable() throws Exception {
        DataDirectory.open(dir, false).close();
        Files.createDirectories(dir.resolve("postgres/base"));
        Files.writeString(dir.resolve("postgres/base/file"), "data");

        try (DataDirectory wiped = DataDirectory.open(dir, true)) {
            assertThat(dir.resolve("postgres")).doesNotExist();
            assertThat(wiped.subdirectory("kafka")).isDirectory();
        }
    }

    @Test
    void theSecretsDirectoryIsTheOwnersOnlyEvenWhenItExistedMoreOpen() throws Exception {
        try (DataDirectory data = DataDirectory.open(dir, false)) {
            Files.createDirectories(dir.resolve("secrets"));
            Files.setPosixFilePermissions(dir.resolve("secrets"), PosixFilePermissions.fromString("rwxr-xr-x"));

            Path secrets = data.privateSubdirectory("secrets");

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets)))
                    .isEqualTo("rwx------");
        }
    }

    @Test
    void secondOpenWhileLockedIsRefused() {
        try (DataDirectory first = DataDirectory.open(dir, false)) {
            // A FileLock is per JVM; within one JVM the overlapping lock attempt fails just the same.
            assertThatThrownBy(() -> DataDirectory.open(dir, false)).isInstanceOf(RuntimeException.class);
            assertThat(first.root()).isEqualTo(dir.toAbsolutePath().normalize());
        }
    }
}
