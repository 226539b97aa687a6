package io.signet.client.validation;

import eu.europa.esig.dss.cms.CMS;
import eu.europa.esig.dss.cms.object.CMSObjectUtils;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.spi.DSSUtils;
import java.util.Arrays;

/**
 * DSS's CMS parser (dss-cms-object), tolerant of the zero padding after the CMS in a PDF signature's Contents.
 *
 * <p>Why: a PDF reserves Contents before the CMS exists and pads it with zeros; DSS 6.4 hands those bytes to
 * BouncyCastle as they are, and BouncyCastle 1.87 (this build's) refuses data after the DER object ("Extra data
 * detected in stream"), so DSS could read no PDF signature at all. The CMS is cut at the length its outer SEQUENCE
 * declares; anything else (indefinite length, not a SEQUENCE) goes to DSS unchanged. Registered in
 * META-INF/services ahead of dss-cms-object's own entry (DSS takes the first implementation on the class path).
 */
public final class PaddingTolerantCmsUtils extends CMSObjectUtils {

    @Override
    public CMS parseToCMS(byte[] binaries) {
        return super.parseToCMS(withoutPadding(binaries));
    }

    @Override
    public CMS parseToCMS(DSSDocument document) {
        return parseToCMS(DSSUtils.toByteArray(document));
    }

    static byte[] withoutPadding(byte[] der) {
        if (der.length < 2 || der[0] != 0x30) {
            return der;
        }
        int first = der[1] & 0xff;
        long length;
        int header;
        if (first < 0x80) {
            length = first;
            header = 2;
        } else {
            int octets = first & 0x7f;
            if (octets == 0 || octets > 4 || der.length < 2 + octets) {
                return der;
            }
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = (length << 8) | (der[2 + i] & 0xff);
            }
            header = 2 + octets;
        }
        long total = header + length;
        return total < der.length ? Arrays.copyOf(der, (int) total) : der;
    }
}
