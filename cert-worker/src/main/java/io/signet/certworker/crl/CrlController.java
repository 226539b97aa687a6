package io.signet.certworker.crl;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /pki/crl}: the current CRL, DER. */
@RestController
public class CrlController {

    private static final MediaType PKIX_CRL = MediaType.parseMediaType("application/pkix-crl");

    private final CrlService crls;
    private final RootCrl rootCrl;

    public CrlController(CrlService crls, RootCrl rootCrl) {
        this.crls = crls;
        this.rootCrl = rootCrl;
    }

    /** The root's CRL, distribution point of the issuing CA certificate. */
    @GetMapping("/pki/root-crl")
    public ResponseEntity<byte[]> rootCrl() {
        RootCrl.Issued issued = rootCrl.current();
        return ResponseEntity.ok()
                .contentType(PKIX_CRL)
                .cacheControl(CacheControl.noCache())
                .lastModified(issued.thisUpdate())
                .body(issued.der());
    }

    @GetMapping("/pki/crl")
    public ResponseEntity<byte[]> crl() {
        CrlRow row = crls.served();
        return ResponseEntity.ok()
                .contentType(PKIX_CRL)
                // Revocations must show within seconds, so caches may not keep it.
                .cacheControl(CacheControl.noCache())
                .lastModified(row.thisUpdate())
                .body(row.der());
    }
}
