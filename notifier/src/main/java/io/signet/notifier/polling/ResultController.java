package io.signet.notifier.polling;

import io.signet.notifier.result.ResultDao;
import io.signet.notifier.result.SignatureResult;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jdbi.v3.core.Jdbi;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Internal result API for the gateway, which authenticates the relying party and passes its id:
 * {@code GET /internal/results/{signatureId}?rpId=…&waitSeconds=0..60}. Answers the GovStack signature response
 * ({@code PENDING} while running) or, for an unknown id and for another relying party's id alike, 404.
 *
 * <p>With {@code waitSeconds} the request blocks (on a virtual thread: the platform module turns them on for the
 * servlet container) until the row changes, woken through PostgreSQL LISTEN/NOTIFY, never by polling the table. A
 * request that is not known yet is waited for as well, so that {@code Prefer: wait} works right after submission;
 * an id of another relying party waits just the same and ends in the same 404.
 */
@RestController
class ResultController {

    static final int MAX_WAIT_SECONDS = 60;

    private final Jdbi jdbi;
    private final ResultWaiters waiters;
    private final Clock clock;

    ResultController(Jdbi jdbi, ResultWaiters waiters, Clock clock) {
        this.jdbi = jdbi;
        this.waiters = waiters;
        this.clock = clock;
    }

    @GetMapping("/internal/results/{signatureId}")
    ResponseEntity<SignatureResponse> result(
            @PathVariable String signatureId,
            @RequestParam String rpId,
            @RequestParam(defaultValue = "0") int waitSeconds)
            throws InterruptedException {
        if (waitSeconds < 0 || waitSeconds > MAX_WAIT_SECONDS) {
            return ResponseEntity.badRequest()
                    .body(SignatureResponse.error("waitSeconds must be between 0 and 60", clock.instant()));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
        Optional<SignatureResult> current = read(signatureId, rpId);
        while (!ended(current)) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            CompletableFuture<Void> changed = waiters.register(signatureId);
            try {
                // Re-read after registering: a change between the first read and the registration is not missed.
                current = read(signatureId, rpId);
                if (ended(current)) {
                    break;
                }
                changed.get(remaining, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                break;
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            } finally {
                waiters.remove(signatureId, changed);
            }
            current = read(signatureId, rpId);
        }
        return current.map(result -> ResponseEntity.ok(SignatureResponse.of(result, clock.instant())))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .body(SignatureResponse.error("signature not found", clock.instant())));
    }

    /** The row if it exists and belongs to {@code rpId}; otherwise empty, whichever of the two it is. */
    private Optional<SignatureResult> read(String signatureId, String rpId) {
        return jdbi.onDemand(ResultDao.class)
                .find(signatureId)
                .filter(result -> result.rpId().equals(rpId));
    }

    private static boolean ended(Optional<SignatureResult> result) {
        return result.isPresent() && result.get().status().ended();
    }
}
