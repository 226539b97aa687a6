package io.signet.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.signet.hsm.HsmErrorCode;
import io.signet.hsm.HsmException;
import io.signet.hsm.secrets.SecretFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.web.server.PortInUseException;

class FailureMessagesTest {

    @Test
    void hsmFailureDeepInABeanCreationChainIsTheLine() {
        Throwable failure = new BeanCreationException(
                "keyStoreToken",
                "Error creating bean\nwith a long story",
                new HsmException(HsmErrorCode.PIN_INCORRECT, "login to token 'signet-sign' failed: CKR_PIN_INCORRECT"));

        assertThat(FailureMessages.oneLine(failure))
                .isEqualTo("login to token 'signet-sign' failed: CKR_PIN_INCORRECT");
    }

    @Test
    void takenPortIsNamedAsTheLauncherNamesIt() {
        assertThat(FailureMessages.oneLine(new IllegalStateException("wrapped", new PortInUseException(8080))))
                .isEqualTo("port 8080 on 127.0.0.1 is already in use");
    }

    @Test
    void connectionFailureOfTheDatabaseIsRecognisedBySqlState() {
        SQLException refused = new SQLException("Connection to 127.0.0.1:5432 refused.\nmore", "08001");

        assertThat(FailureMessages.oneLine(new RuntimeException("x", refused)))
                .isEqualTo("database cannot be reached: Connection to 127.0.0.1:5432 refused.");
    }

    @Test
    void anUnreadableSecretFileIsNamedWithoutItsCause(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("db.password"));
        Throwable failure = catchThrowable(() -> SecretFiles.readOrCreate(empty));

        assertThat(FailureMessages.oneLine(new IllegalStateException("wrapped", failure)))
                .isEqualTo("secret file " + empty + " is empty");
    }

    @Test
    void otherwiseTheInnermostCauseInOneLine() {
        Throwable failure = new RuntimeException("outer", new IllegalArgumentException("first line\nsecond line"));

        assertThat(FailureMessages.oneLine(failure)).isEqualTo("IllegalArgumentException: first line");
    }
}
