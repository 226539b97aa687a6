package io.signet.certworker.tsa;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** RFC 3161 section 3.4: time-stamp protocol over HTTP. */
@RestController
public class TsaController {

    private static final MediaType REPLY = MediaType.parseMediaType("application/timestamp-reply");
    private static final int MAX_QUERY_BYTES = 8192;

    private final TimeStampAuthority tsa;

    public TsaController(TimeStampAuthority tsa) {
        this.tsa = tsa;
    }

    @PostMapping(path = "/pki/tsa", consumes = "application/timestamp-query")
    public ResponseEntity<byte[]> stamp(@RequestBody byte[] query) {
        byte[] body = query.length > MAX_QUERY_BYTES ? new byte[0] : query;
        return ResponseEntity.ok().contentType(REPLY).body(tsa.respond(body));
    }
}
