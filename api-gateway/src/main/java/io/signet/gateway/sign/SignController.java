package io.signet.gateway.sign;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.signet.gateway.auth.RpAuthenticator;
import io.signet.gateway.auth.RpClient;
import io.signet.gateway.callback.CallbackUrlPolicy;
import io.signet.gateway.error.ApiException;
import io.signet.gateway.payment.PaymentTokenVerifier;
import io.signet.gateway.ratelimit.RateLimiter;
import io.signet.gateway.result.ResultClient;
import io.signet.platform.identity.InvalidSignerTokenException;
import io.signet.platform.identity.SignerTokenVerifier;
import io.signet.schemas.SignerClaims;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/sign/onetime}: checks in the order RP key (401), rate limit (429), signer token (401), payment
 * (402), headers and body (400/413/415/422), callback URL (422); then accepts the request and answers 202 once it
 * is committed, or 200 with the result if {@code Prefer: wait=N} and the result arrives in time.
 */
@RestController
class SignController {

    static final String LOCATION_PREFIX = "/v1/sign/response/";

    private final RpAuthenticator rpAuthenticator;
    private final RateLimiter rateLimiter;
    private final SignerTokenVerifier signerTokens;
    private final PaymentTokenVerifier payments;
    private final OnetimeRequestParser parser;
    private final CallbackUrlPolicy callbackPolicy;
    private final SignRequestHandler handler;
    private final ResultClient results;
    private final SignProperties properties;
    private final Tracer tracer;

    SignController(
            RpAuthenticator rpAuthenticator,
            RateLimiter rateLimiter,
            SignerTokenVerifier signerTokens,
            PaymentTokenVerifier payments,
            CallbackUrlPolicy callbackPolicy,
            SignRequestHandler handler,
            ResultClient results,
            SignProperties properties,
            ObjectProvider<Tracer> tracer) {
        this.rpAuthenticator = rpAuthenticator;
        this.rateLimiter = rateLimiter;
        this.signerTokens = signerTokens;
        this.payments = payments;
        this.parser = new OnetimeRequestParser();
        this.callbackPolicy = callbackPolicy;
        this.handler = handler;
        this.results = results;
        this.properties = properties;
        // Resolved once: a bean lookup per request is measurable at thousands of requests per second.
        this.tracer = tracer.getIfAvailable();
    }

    @PostMapping(path = "/v1/sign/onetime", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> onetime(
            HttpServletRequest http,
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestHeader(name = "X-GovStack-AuthenticationToken", required = false) String signerToken,
            @RequestHeader(name = "X-GovStack-PaymentToken", required = false) String paymentToken,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestHeader(name = "Prefer", required = false) String prefer)
            throws IOException {
        RpClient rp = rpAuthenticator.authenticate(authorization);
        rateLimiter.acquire(rp);
        SignerClaims signer = signer(signerToken);
        payments.check(paymentToken);
        Optional<Duration> wait = PreferWait.parse(prefer);
        checkIdempotencyKey(idempotencyKey);
        byte[] body = readBody(http);
        OnetimeRequest request = parser.parse(body);
        request.callback().ifPresent(url -> callbackPolicy.check(url, rp));

        Accepted accepted = handler.accept(new Intake(rp, signer, request, body, idempotencyKey, traceparent()));

        if (wait.isPresent() && wait.get().isPositive()) {
            ResultClient.Outcome outcome = results.fetch(accepted.signatureId(), rp.rpId(), wait.get());
            if (outcome instanceof ResultClient.Outcome.Done done) {
                return ResponseEntity.ok()
                        .header("Preference-Applied", "wait=" + wait.get().toSeconds())
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(done.json());
            }
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.ACCEPTED)
                .header("Location", LOCATION_PREFIX + accepted.signatureId())
                .contentType(MediaType.APPLICATION_JSON);
        if (accepted.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.body(PendingResponse.of(accepted.signatureId(), accepted.acceptedAt()));
    }

    private SignerClaims signer(String token) {
        try {
            return signerTokens.verify(token).claims();
        } catch (InvalidSignerTokenException e) {
            throw ApiException.unauthorized(e.getMessage());
        }
    }

    private static void checkIdempotencyKey(String key) {
        if (key != null && !key.matches("[\\x21-\\x7E]{1,255}")) {
            throw ApiException.badRequest("Idempotency-Key must be 1 to 255 visible ASCII characters");
        }
    }

    /** Reads at most the configured limit; a declared or actual larger body is a 413. */
    private byte[] readBody(HttpServletRequest http) throws IOException {
        long limit = properties.maxBody().toBytes();
        if (http.getContentLengthLong() > limit) {
            throw tooLarge(limit);
        }
        try (InputStream in = http.getInputStream()) {
            byte[] body = in.readNBytes((int) limit + 1);
            if (body.length > limit) {
                throw tooLarge(limit);
            }
            return body;
        }
    }

    private static ApiException tooLarge(long limit) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "Request body too large: more than " + limit + " bytes");
    }

    private String traceparent() {
        Span span = tracer == null ? null : tracer.currentSpan();
        if (span == null) {
            return null;
        }
        var context = span.context();
        boolean sampled = Boolean.TRUE.equals(context.sampled());
        return "00-" + context.traceId() + "-" + context.spanId() + "-" + (sampled ? "01" : "00");
    }
}
