package io.signet.hsm.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
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
    void threadsRacingForANewFileAllReadTheSameSecret() throws Exception {
        for (int round = 0; round < 50; round++) {
            Path file = dir.resolve("race-" + round + ".token");
            List<Callable<String>> readers = Collections.nCopies(8, () -> SecretFiles.readOrCreate(file));
            try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
                Set<String> seen = new HashSet<>();
                for (Future<String> secret : threads.invokeAll(readers)) {
                    seen.add(secret.get());
                }
                assertThat(seen)
                        .as("secrets read in round " + round)
                        .singleElement()
                        .asString()
                        .hasSize(32);
            }
            try (Stream<Path> left = Files.list(dir)) {
                assertThat(left.filter(p -> p.getFileName().toString().endsWith(".new")))
                        .as("temporary files")
                        .isEmpty();
            }
        }
    }

    @Test
    void twoFilesGetDifferentSecrets() {
        assertThat(SecretFiles.readOrCreate(dir.resolve("a.pin")))
                .isNotEqualTo(SecretFiles.readOrCreate(dir.resolve("b.pin")));
    }

    @Test
    void aKeyOfTheAskedLengthDecodesBackToItsBytesAsDoesOneWrittenByHandInStandardBase64() throws Exception {
        Path generated = dir.resolve("pseudonym.key");
        byte[] key = SecretFiles.decode(SecretFiles.readOrCreate(generated, 32), generated);
        Path byHand = dir.resolve("by-hand.key");
        Files.writeString(byHand, "+/+/AAAA\n");

        assertThat(key).hasSize(32);
        assertThat(SecretFiles.decode(SecretFiles.readOrCreate(byHand, 32), byHand))
                .containsExactly(0xfb, 0xff, 0xbf, 0, 0, 0);
    }

    @Test
    void neitherAnEmptyFileNorOneThatIsNoBase64IsASecretAndNoMessageShowsTheContent() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.key"));
        Path text = dir.resolve("text.key");
        Files.writeString(text, "not base64 at all!");

        assertThatThrownBy(() -> SecretFiles.readOrCreate(empty))
                .isInstanceOf(SecretFileException.class)
                .hasMessage("secret file " + empty + " is empty");
        assertThatThrownBy(() -> SecretFiles.decode(SecretFiles.readOrCreate(text), text))
                .isInstanceOf(SecretFileException.class)
                .hasMessageNotContaining("not base64 at all");
    }

    @Test
    void aTrailingLineBreakWrittenByAPersonIsIgnored() throws Exception {
        Path file = dir.resolve("edited.pin");
        Files.writeString(file, "1234\n");

        assertThat(SecretFiles.readOrCreate(file)).isEqualTo("1234");
    }
}
