package io.signet.certworker.claims;

import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/claims}: sign-worker claims a polled batch of sign requests before any HSM operation. Body
 * and answer are JSON arrays, answers in request order: {@code [{"signatureId","partition","offset"}]} →
 * {@code [{"signatureId","partition","offset","verdict":"PROCEED|DUPLICATE|ENDED"}]}. Internal: not for relying
 * parties; a deployment keeps {@code /internal/**} off its public ingress.
 */
@RestController
public class ClaimsController {

    private final SignClaims claims;

    public ClaimsController(SignClaims claims) {
        this.claims = claims;
    }

    @PostMapping(path = "/internal/claims", consumes = "application/json", produces = "application/json")
    public ResponseEntity<List<ClaimAnswer>> claim(@RequestBody List<SignClaim> batch) {
        try {
            return ResponseEntity.ok(claims.claim(batch));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().build();
        }
    }
}
