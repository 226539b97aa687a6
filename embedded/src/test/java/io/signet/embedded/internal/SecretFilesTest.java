package io.signet.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {

    @TempDir
    Path dir;

    @Test
    void aNewSecretIsOwnerOnlyInAnOwnerOnlyDirectoryAndReusedAfterwards() throws Exception {
        Path file = dir.resolve("secrets").resolve("db.password");

        String first = SecretFiles.readOrCreate(file);
        String second = SecretFiles.readOrCreate(file);

        assertThat(first).hasSize(32).matches("[A-Za-z0-9_-]+");
        assertThat(second).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void twoFilesGetDifferentSecrets() {
        assertThat(SecretFiles.readOrCreate(dir.resolve("a.pin")))
                .isNotEqualTo(SecretFiles.readOrCreate(dir.resolve("b.pin")));
    }

    @Test
    void aTrailingLineBreakWrittenByAPersonIsIgnored() throws Exception {
        Path file = dir.resolve("edited.pin");
        Files.writeString(file, "1234\n");

        assertThat(SecretFiles.readOrCreate(file)).isEqualTo("1234");
    }
}
