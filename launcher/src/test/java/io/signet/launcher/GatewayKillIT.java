package io.signet.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, failure test 4: the gateway, the process that runs the Debezium outbox relay, killed (-9) during a stream
 * of sign requests. The RP retries unanswered requests with the same Idempotency-Key.
 */
class GatewayKillIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dataDir;

    @Test
    void gatewayWithTheRelayKilledTwiceLosesNothingAndDuplicatesNothingDownstream() throws Exception {
        try (ProcessStack stack = ProcessStack.start(dataDir)) {
            SignStream stream = SignStream.start(stack);
            try {
                for (int kill = 0; kill < 2; kill++) {
                    stream.awaitAccepted(8);
                    stack.kill9(SignetService.GATEWAY);
                    stack.start(SignetService.GATEWAY);
                }
                stream.awaitAccepted(5);
            } finally {
                stream.close();
            }
            assertThat(stream.retries())
                    .as("requests sent again while the gateway was down")
                    .isPositive();
            stream.assertEveryAcceptedRequestEndedExactlyOnce(Duration.ofSeconds(90));
        }
    }
}
