package io.signet.signworker.pades;

import io.signet.hsm.DigestAlgorithm;
import io.signet.signworker.cades.CadesBuilder;
import io.signet.signworker.cades.CadesBuilder.ToBeSigned;
import io.signet.signworker.cades.SignedAttributes.Profile;
import java.time.Instant;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The CMS for a PDF signature dictionary (PAdES baseline, ETSI EN 319 142-1, SubFilter ETSI.CAdES.detached): a
 * detached SignedData over the hash of the PDF's ByteRange, which the relying party computed. It differs from
 * CAdES in the signed attributes only: content-type is id-data, signing-certificate-v2 is present, and there is no
 * signing-time (the claimed time is the dictionary's M entry, which the relying party writes). Assembling,
 * time-stamping and the B-LT data are the same as for CAdES ({@link CadesBuilder#assemble}). Stateless.
 */
public final class PadesBuilder {

    private PadesBuilder() {}

    /** The PAdES signed attributes for {@code byteRangeDigest} and the digest the key must sign. */
    public static ToBeSigned prepare(
            DigestAlgorithm digestAlgorithm, byte[] byteRangeDigest, X509CertificateHolder signer) {
        // The signing time argument is ignored by the PAdES profile; pass a fixed value to make that visible.
        return CadesBuilder.prepare(Profile.PADES, digestAlgorithm, byteRangeDigest, signer, Instant.EPOCH);
    }
}
