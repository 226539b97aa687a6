package io.signet.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signet.embedded.SoftHsm;
import io.signet.hsm.HsmConfig;
import io.signet.hsm.Pkcs11Token;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** Issue 9, failure test 2: a sign-worker killed (-9) five times during a stream of sign requests. */
class SignWorkerKillIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dataDir;

    @Test
    @Disabled("finding, sign-worker's to fix: a killed sign-worker keeps its partitions of signet.sign.requested until"
            + " Kafka's consumer session times out (45 s by default), so with its restart most requests on them pass"
            + " their 60 s deadline and end EXPIRED (231 of them in the first run); see the issue 9 report")
    void signWorkerKilledFiveTimesLosesNothingSignsEachRequestOnceAndLeavesNoKeysInTheToken() throws Exception {
        try (ProcessStack stack = ProcessStack.start(dataDir)) {
            List<String> before = signTokenObjects();
            SignStream stream = SignStream.start(stack);
            try {
                for (int kill = 0; kill < 5; kill++) {
                    stream.awaitAccepted(3);
                    stack.kill9(SignetService.SIGN_WORKER);
                    stream.awaitAccepted(2); // accepted while no sign-worker runs
                    stack.start(SignetService.SIGN_WORKER);
                }
                stream.awaitAccepted(3);
            } finally {
                stream.close();
            }
            stream.assertEveryAcceptedRequestEndedExactlyOnce(Duration.ofSeconds(90));
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
