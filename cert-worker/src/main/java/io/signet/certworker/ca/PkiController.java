package io.signet.certworker.ca;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Publishes the CA certificates: the chain and the root as PEM, the issuing CA as DER (AIA caIssuers). */
@RestController
public class PkiController {

    private static final MediaType PEM = MediaType.parseMediaType("application/pem-certificate-chain");
    private static final MediaType DER = MediaType.parseMediaType("application/pkix-cert");

    private final CaMaterial ca;

    public PkiController(CaMaterial ca) {
        this.ca = ca;
    }

    /** Issuing CA then root. */
    @GetMapping("/pki/ca.pem")
    public ResponseEntity<String> chain() {
        return ResponseEntity.ok().contentType(PEM).body(ca.chainPem());
    }

    @GetMapping("/pki/root.pem")
    public ResponseEntity<String> root() {
        return ResponseEntity.ok().contentType(PEM).body(ca.rootPem());
    }

    @GetMapping("/pki/issuing.cer")
    public ResponseEntity<byte[]> issuing() {
        return ResponseEntity.ok().contentType(DER).body(CaMaterial.der(ca.issuing()));
    }
}
