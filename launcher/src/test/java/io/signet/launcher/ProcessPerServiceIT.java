package io.signet.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** {@code --process-per-service}: each part its own process, killable and restartable by pid, no orphans. */
class ProcessPerServiceIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dataDir;

    @Test
    void everyPartRunsInItsOwnProcessCanBeKilledAndRestartedAndNoneOutlivesTheLauncher() throws Exception {
        Map<String, Long> pids = new HashMap<>();
        long restartedPid;
        try (ProcessStack stack = ProcessStack.start(dataDir)) {
            List<String> names = stack.parts().names();
            assertThat(names)
                    .containsExactly(
                            "postgres", "kafka", "api-gateway", "cert-worker", "notifier", "sign-worker", "audit");
            for (String name : names) {
                long pid = stack.pid(name);
                pids.put(name, pid);
                assertThat(pid).as(name).isNotEqualTo(ProcessHandle.current().pid());
                assertThat(Files.readString(dataDir.resolve("pids").resolve(name + ".pid"))
                                .strip())
                        .as(name)
                        .isEqualTo(String.valueOf(pid));
            }
            assertThat(pids.values()).doesNotHaveDuplicates();

            long before = stack.pid(SignetService.SIGN_WORKER);
            stack.kill9(SignetService.SIGN_WORKER);
            assertThat(ProcessHandle.of(before).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
            stack.start(SignetService.SIGN_WORKER);
            restartedPid = stack.pid(SignetService.SIGN_WORKER);
            assertThat(restartedPid).isNotEqualTo(before);
            pids.put("sign-worker", restartedPid);
            assertThat(new HealthProbe()
                            .read(stack.url(SignetService.SIGN_WORKER), "/actuator/health")
                            .up())
                    .isTrue();
            assertThat(dataDir.resolve("logs").resolve("sign-worker.log")).isNotEmptyFile();
            assertThat(dataDir.resolve("logs").resolve("kafka.log")).exists();
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
}
