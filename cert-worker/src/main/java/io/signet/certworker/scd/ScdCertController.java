package io.signet.certworker.scd;

import io.signet.certworker.scd.ScdApi.CreateRequest;
import io.signet.certworker.scd.ScdApi.CreateResponse;
import io.signet.certworker.scd.ScdApi.ListedCertificate;
import io.signet.certworker.scd.ScdApi.PatchRequest;
import io.signet.certworker.scd.ScdApi.PatchResponse;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** GovStack certificate management for SCD certificates (8.2.1 - 8.2.3). Parses, authenticates, delegates. */
@RestController
public class ScdCertController {

    static final String TOKEN_HEADER = "X-GovStack-AuthenticationToken";

    private final SignerAuthenticator authenticator;
    private final ScdCertHandler handler;

    public ScdCertController(SignerAuthenticator authenticator, ScdCertHandler handler) {
        this.authenticator = authenticator;
        this.handler = handler;
    }

    @PostMapping("/v1/cert/create")
    public CreateResponse create(
            @RequestHeader(name = TOKEN_HEADER, required = false) String token, @RequestBody CreateRequest request) {
        return handler.create(authenticator.authenticate(token), request);
    }

    @GetMapping("/v1/cert/list")
    public List<ListedCertificate> list(
            @RequestHeader(name = TOKEN_HEADER, required = false) String token,
            @RequestParam(name = "filter", required = false) String filter) {
        return handler.list(authenticator.authenticate(token), filter);
    }

    @PatchMapping("/v1/cert/{certificateId}")
    public PatchResponse change(
            @RequestHeader(name = TOKEN_HEADER, required = false) String token,
            @PathVariable String certificateId,
            @RequestBody PatchRequest request) {
        return handler.changeStatus(authenticator.authenticate(token), certificateId, request);
    }
}
