package io.signet.certworker.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaimsControllerTest {

    // An empty batch never reaches the database, so no Jdbi is needed to check the gate in front of it.
    private final SignClaims claims = new SignClaims(null, Clock.systemUTC());

    @Test
    void withATokenConfiguredOnlyCallersPresentingItAreAnswered() {
        ClaimsController controller = new ClaimsController(claims, new ClaimsProperties("s3cret", null));

        assertThat(controller.claim(null, List.of()).getStatusCode().value()).isEqualTo(401);
        assertThat(controller.claim("Bearer wrong", List.of()).getStatusCode().value())
                .isEqualTo(401);
        assertThat(controller.claim("Bearer s3cret", List.of()).getStatusCode().value())
                .isEqualTo(200);
    }

    @Test
    void theTokenMayComeFromAFileAsTheLauncherWritesIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("internal.token"), "from-file\n");
        ClaimsController controller = new ClaimsController(claims, new ClaimsProperties("", file));

        assertThat(controller.claim(null, List.of()).getStatusCode().value()).isEqualTo(401);
        assertThat(controller
                        .claim("Bearer from-file", List.of())
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
    }

    @Test
    void withoutATokenEveryCallerIsAnswered() {
        ClaimsController controller = new ClaimsController(claims, new ClaimsProperties("", null));

        assertThat(controller.claim(null, List.of()).getStatusCode().value()).isEqualTo(200);
    }
}
