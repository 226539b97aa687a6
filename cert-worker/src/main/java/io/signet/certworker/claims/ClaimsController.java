package io.signet.certworker.claims;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/claims}: sign-worker claims a polled batch of sign requests before any HSM operation. Body
 * and answer are JSON arrays, answers in request order: {@code [{"signatureId","partition","offset"}]} →
 * {@code [{"signatureId","partition","offset","verdict":"PROCEED|DUPLICATE|ENDED"}]}. Internal: not for relying
 * parties; a deployment keeps {@code /internal/**} off its public ingress and may require a shared token
 * ({@link ClaimsProperties#secret()}; a call without it answers 401).
 */
@RestController
public class ClaimsController {

    private final SignClaims claims;
    private final byte[] expected;

    public ClaimsController(SignClaims claims, ClaimsProperties properties) {
        this.claims = claims;
        this.expected = properties
                .secret()
                .map(secret -> ("Bearer " + secret).getBytes(StandardCharsets.UTF_8))
                .orElse(null);
    }

    @PostMapping(path = "/internal/claims", consumes = "application/json", produces = "application/json")
    public ResponseEntity<List<ClaimAnswer>> claim(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody List<SignClaim> batch) {
        if (expected != null
                && (authorization == null
                        || !MessageDigest.isEqual(expected, authorization.getBytes(StandardCharsets.UTF_8)))) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        try {
            return ResponseEntity.ok(claims.claim(batch));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().build();
        }
    }
}
