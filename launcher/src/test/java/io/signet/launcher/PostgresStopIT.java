package io.signet.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, failure test 3: PostgreSQL stopped immediately ({@code pg_ctl stop -m immediate}, no checkpoint, clients cut
 * off) for 30 s during a stream of sign requests. The gateway cannot store a request, so it must not accept one: it
 * answers 503 with {@code Retry-After}, and the RP sends the request again later with the same Idempotency-Key. Every
 * request that was answered 202, before, during or after the outage, ends exactly once.
 */
@Tag("long") // minutes of outage by design: not in .ci/run; scripts/test -Plong-tests runs it
class PostgresStopIT {

    private static final Duration OUTAGE = Duration.ofSeconds(30);
    /** The bound: every accepted request has ended within 90 s of PostgreSQL's restart. */
    private static final Duration CATCH_UP = Duration.ofSeconds(90);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dataDir;

    @Test
    void gatewayAnswers503WithRetryAfterWhilePostgresIsDownAndNoAcceptedRequestIsLost() throws Exception {
        try (ProcessStack stack = ProcessStack.start(dataDir)) {
            SignStream stream = SignStream.start(stack);
            Instant restarted;
            try {
                stream.awaitAccepted(5);
                stream.awaitEveryAcceptedEnded(Duration.ofSeconds(60)); // the pipeline works before the stop
                stack.stop(ProcessParts.POSTGRES);
                Instant stopped = Instant.now();
                await().atMost(OUTAGE)
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> stream.unavailableWithRetryAfter() > 0);
                // From the first 503 to the restart nothing is accepted (a 202 then could not be stored).
                int acceptedWhileDown = stream.acceptedCount();
                Duration rest = OUTAGE.minus(Duration.between(stopped, Instant.now()));
                await().during(rest)
                        .atMost(rest.plusSeconds(10))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> stream.acceptedCount() == acceptedWhileDown);
                stack.start(ProcessParts.POSTGRES);
                restarted = Instant.now();
                stream.awaitAccepted(10);
            } finally {
                stream.close();
            }
            assertThat(stream.unavailableWithRetryAfter())
                    .as("503 answers with Retry-After while PostgreSQL was down")
                    .isPositive();
            // Whatever failed was 503 with Retry-After (or no answer at all while the gateway noticed): never a
            // 500, never a hang.
            assertThat(stream.refusals()).as("answers other than 202").containsOnlyKeys(503);
            assertThat(stream.refusals().get(503)).isEqualTo(stream.unavailableWithRetryAfter());
            stream.assertEveryAcceptedRequestEndedExactlyOnce(
                    CATCH_UP.minus(Duration.between(restarted, Instant.now())));
        }
    }
}
