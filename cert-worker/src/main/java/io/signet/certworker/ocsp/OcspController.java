package io.signet.certworker.ocsp;

import java.util.Base64;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** RFC 6960 appendix A: OCSP over HTTP, POST with the DER request as body or GET with it base64 in the path. */
@RestController
public class OcspController {

    static final MediaType OCSP_REQUEST = MediaType.parseMediaType("application/ocsp-request");
    static final MediaType OCSP_RESPONSE = MediaType.parseMediaType("application/ocsp-response");
    private static final int MAX_REQUEST_BYTES = 8192;

    private final OcspResponder responder;

    public OcspController(OcspResponder responder) {
        this.responder = responder;
    }

    @PostMapping(path = "/pki/ocsp", consumes = "application/ocsp-request")
    public ResponseEntity<byte[]> post(@RequestBody byte[] request) {
        return answer(request);
    }

    /**
     * The rest of the path is the base64 request (standard alphabet, so it may contain '/'; URL decoding has already
     * turned %2B, %2F and %3D back).
     */
    @GetMapping("/pki/ocsp/{*encoded}")
    public ResponseEntity<byte[]> get(@PathVariable String encoded) {
        byte[] request;
        try {
            request = Base64.getDecoder().decode(encoded.startsWith("/") ? encoded.substring(1) : encoded);
        } catch (IllegalArgumentException e) {
            request = new byte[0];
        }
        return answer(request);
    }

    private ResponseEntity<byte[]> answer(byte[] request) {
        byte[] body = request.length > MAX_REQUEST_BYTES ? new byte[0] : request;
        return ResponseEntity.ok().contentType(OCSP_RESPONSE).body(responder.respond(body));
    }
}
