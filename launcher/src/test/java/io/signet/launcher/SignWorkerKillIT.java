package io.signet.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signet.embedded.SoftHsm;
import io.signet.hsm.HsmConfig;
import io.signet.hsm.Pkcs11Token;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** Issue 9, failure test 2: a sign-worker killed (-9) five times during a stream of sign requests. */
class SignWorkerKillIT {

    private static final int KILLS = 5;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dataDir;

    @Test
    void signWorkerKilledFiveTimesLosesNothingSignsEachRequestOnceAndLeavesNoKeysInTheToken() throws Exception {
        try (ProcessStack stack = ProcessStack.start(dataDir)) {
            List<String> before = signTokenObjects();
            SignStream stream = SignStream.start(stack);
            try {
                for (int kill = 0; kill < KILLS; kill++) {
                    stream.awaitAccepted(3);
                    stack.kill9(SignetService.SIGN_WORKER);
                    stream.awaitAccepted(2); // accepted while no sign-worker runs
                    stack.start(SignetService.SIGN_WORKER);
                    // Let the restarted worker take its partitions (the killed member's session must lapse first)
                    // and catch up before the next kill: a worker killed before it ever works tests nothing.
                    stream.awaitEveryAcceptedEnded(Duration.ofSeconds(90));
                }
                stream.awaitAccepted(3);
            } finally {
                stream.close();
            }
            // At most one unused certificate per kill (killed between issuance and signing; see the note of issue 9:
            // revoking such a certificate as superseded is still to do).
            stream.assertEveryAcceptedRequestEndedExactlyOnce(Duration.ofSeconds(90), KILLS);
            // Ephemeral keys are session objects: they die with the process that made them, and no process but
            // the sign-worker may see them. What must never happen is a key kept as a token object.
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(signTokenObjects()).containsExactlyInAnyOrderElementsOf(before));
        }
    }

    /** The token's objects as the test's own session sees them (handles differ between sessions, so left out). */
    private List<String> signTokenObjects() {
        Path module = SoftHsm.defaultModulePath().orElseThrow();
        char[] pin = HsmConfig.pinFromFile(dataDir.resolve("secrets").resolve(SoftHsm.SIGN_TOKEN + ".pin"));
        try (Pkcs11Token token = Pkcs11Token.open(HsmConfig.of(module, SoftHsm.SIGN_TOKEN, pin))) {
            return token.listObjects().stream()
                    .map(o ->
                            o.objectClass() + " " + o.keyType() + " " + o.label() + " " + o.id() + " " + o.persistent())
                    .toList();
        }
    }
}
