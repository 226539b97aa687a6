package io.signet.gateway.result;

import io.signet.gateway.auth.RpAuthenticator;
import io.signet.gateway.auth.RpClient;
import io.signet.gateway.error.ApiException;
import io.signet.gateway.ratelimit.RateLimiter;
import io.signet.gateway.sign.PendingResponse;
import io.signet.gateway.sign.SignRequestDao;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /v1/sign/response/{signatureId}}: the owning RP only (anyone else gets 404, so ids cannot be probed),
 * answered by the notifier; 202 PENDING while it has no result. {@code GET /v1/sign/response/{signatureId}/callbacks}:
 * the request's callbacks with every attempt (time, HTTP status, latency, outcome, error), for the same RP only.
 */
@RestController
class ResultController {

    private final RpAuthenticator rpAuthenticator;
    private final RateLimiter rateLimiter;
    private final Jdbi jdbi;
    private final ResultClient results;
    private final Clock clock;

    ResultController(
            RpAuthenticator rpAuthenticator, RateLimiter rateLimiter, Jdbi jdbi, ResultClient results, Clock clock) {
        this.rpAuthenticator = rpAuthenticator;
        this.rateLimiter = rateLimiter;
        this.jdbi = jdbi;
        this.results = results;
        this.clock = clock;
    }

    @GetMapping("/v1/sign/response/{signatureId}")
    ResponseEntity<?> response(
            @PathVariable String signatureId,
            @RequestHeader(name = "Authorization", required = false) String authorization) {
        RpClient rp = owner(signatureId, authorization);
        return switch (results.fetch(signatureId, rp.rpId(), Duration.ZERO)) {
            case ResultClient.Outcome.Done done ->
                ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(done.json());
            case ResultClient.Outcome.Pending pending ->
                ResponseEntity.status(HttpStatus.ACCEPTED)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(PendingResponse.of(signatureId, clock.instant()));
            case ResultClient.Outcome.Unavailable unavailable ->
                throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Result service unavailable, retry later");
        };
    }

    @GetMapping("/v1/sign/response/{signatureId}/callbacks")
    ResponseEntity<?> callbacks(
            @PathVariable String signatureId,
            @RequestHeader(name = "Authorization", required = false) String authorization) {
        RpClient rp = owner(signatureId, authorization);
        return switch (results.callbacks(signatureId, rp.rpId())) {
            case ResultClient.Callbacks.Known known ->
                ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(new CallbacksResponse(signatureId, known.json(), clock.instant()));
            case ResultClient.Callbacks.Unavailable unavailable ->
                throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Result service unavailable, retry later");
        };
    }

    /** The authenticated RP, if {@code signatureId} is one of its requests; else 404 as for an unknown id. */
    private RpClient owner(String signatureId, String authorization) {
        RpClient rp = rpAuthenticator.authenticate(authorization);
        rateLimiter.acquire(rp);
        Optional<String> owner = signatureId.matches("[0-9a-f-]{36}")
                ? jdbi.withExtension(SignRequestDao.class, dao -> dao.ownerOf(signatureId))
                : Optional.empty();
        if (owner.isEmpty() || !owner.get().equals(rp.rpId())) {
            throw new ApiException(HttpStatus.NOT_FOUND, "Not found");
        }
        return rp;
    }

    /**
     * @param signatureId the request
     * @param callbacks its callbacks (GovStack GET, webhook POST), each with {@code status} and every attempt
     * @param responseTimestamp when this answer was made
     */
    record CallbacksResponse(String signatureId, JsonNode callbacks, Instant responseTimestamp) {}
}
