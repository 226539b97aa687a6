package io.signet.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signet.embedded.SoftHsm;
import io.signet.hsm.HsmConfig;
import io.signet.hsm.Pkcs11Token;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, failure test 2: a sign-worker killed (-9) five times during a stream of sign requests. On the way it checks
 * {@code --process-per-service} itself: each part its own process with its pid file, a killed part restartable, and
 * no part outliving the launcher.
 */
class SignWorkerKillIT {

    private static final int KILLS = 5;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dataDir;

    @Test
    void signWorkerKilledFiveTimesLosesNothingSignsEachRequestOnceAndLeavesNoKeysInTheToken() throws Exception {
        Map<String, Long> pids = new HashMap<>();
        try (ProcessStack stack = ProcessStack.start(dataDir)) {
            assertEachPartItsOwnProcess(stack, pids);
            List<String> before = signTokenObjects();
            SignStream stream = SignStream.start(stack);
            // A kill may catch more than one request between its certificate and its committed result (the stream
            // submits every 250 ms; a cold stack signs slower than that): those, and only those, may be redone.
            Set<String> inProgressAtAKill = new HashSet<>();
            Set<String> endedBeforeThisKill = Set.of();
            try {
                for (int kill = 0; kill < KILLS; kill++) {
                    stream.awaitAccepted(3);
                    long killed = stack.pid(SignetService.SIGN_WORKER);
                    stack.kill9(SignetService.SIGN_WORKER);
                    Set<String> acceptedAtKill = new HashSet<>(stream.acceptedIds());
                    acceptedAtKill.removeAll(endedBeforeThisKill);
                    inProgressAtAKill.addAll(acceptedAtKill);
                    assertThat(ProcessHandle.of(killed).map(ProcessHandle::isAlive))
                            .isNotEqualTo(Optional.of(true));
                    stream.awaitAccepted(2); // accepted while no sign-worker runs
                    stack.start(SignetService.SIGN_WORKER);
                    long restarted = stack.pid(SignetService.SIGN_WORKER);
                    assertThat(restarted).isNotEqualTo(killed);
                    assertThat(pidFile("sign-worker")).isEqualTo(String.valueOf(restarted));
                    pids.put("sign-worker", restarted);
                    // Let the restarted worker take its partitions (the killed member's session must lapse first)
                    // and catch up before the next kill: a worker killed before it ever works tests nothing.
                    endedBeforeThisKill = stream.acceptedIds(); // all ended once the wait below returns
                    stream.awaitEveryAcceptedEnded(Duration.ofSeconds(90));
                }
                stream.awaitAccepted(3);
            } finally {
                stream.close();
            }
            // A request killed between its certificate and its result is redone with a new key; cert-worker revokes
            // the first certificate as superseded.
            stream.assertEveryAcceptedRequestEndedExactlyOnce(Duration.ofSeconds(90), inProgressAtAKill);
            // Ephemeral keys are session objects: they die with the process that made them, and no process but
            // the sign-worker may see them. What must never happen is a key kept as a token object.
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(signTokenObjects()).containsExactlyInAnyOrderElementsOf(before));
        }
        // PostgreSQL's postmaster may take a moment to exit after pg_ctl reports it stopped.
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    for (Map.Entry<String, Long> part : pids.entrySet()) {
                        assertThat(ProcessHandle.of(part.getValue()).map(ProcessHandle::isAlive))
                                .as(part.getKey() + " after the launcher stopped")
                                .isNotEqualTo(Optional.of(true));
                    }
                });
    }

    /** Every part runs in a process of its own, named in a pid file of the data directory; records the pids. */
    private void assertEachPartItsOwnProcess(ProcessStack stack, Map<String, Long> pids) throws Exception {
        List<String> names = stack.parts().names();
        assertThat(names)
                .containsExactly("postgres", "kafka", "api-gateway", "cert-worker", "notifier", "sign-worker", "audit");
        for (String name : names) {
            long pid = stack.pid(name);
            pids.put(name, pid);
            assertThat(pid).as(name).isNotEqualTo(ProcessHandle.current().pid());
            assertThat(pidFile(name)).as(name).isEqualTo(String.valueOf(pid));
        }
        assertThat(pids.values()).doesNotHaveDuplicates();
        assertThat(dataDir.resolve("logs").resolve("sign-worker.log")).isNotEmptyFile();
        assertThat(dataDir.resolve("logs").resolve("kafka.log")).exists();
    }

    private String pidFile(String part) throws Exception {
        return Files.readString(dataDir.resolve("pids").resolve(part + ".pid")).strip();
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
