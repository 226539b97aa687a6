package io.signet.client.validation;

import eu.europa.esig.dss.crl.CRLBinary;
import eu.europa.esig.dss.crl.CRLUtils;
import eu.europa.esig.dss.crl.CRLValidity;
import eu.europa.esig.dss.enumerations.RevocationOrigin;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.x509.revocation.crl.CRLSource;
import eu.europa.esig.dss.spi.x509.revocation.crl.CRLToken;
import java.io.IOException;
import java.net.URI;

/**
 * Downloads the CRL a certificate names in its CRL distribution points. DSS's own online source lives in a module
 * that is not available to this build. Answers null when there is no usable CRL. Stateless.
 */
public final class OnlineCrlSource implements CRLSource {

    private static final long serialVersionUID = 1L;

    @Override
    public CRLToken getRevocationToken(CertificateToken certificate, CertificateToken issuer) {
        if (issuer == null) {
            return null;
        }
        for (String url : CertificateUrls.crl(certificate.getCertificate())) {
            try {
                CRLBinary binary = CRLUtils.buildCRLBinary(Http.get(URI.create(url)));
                CRLValidity validity = CRLUtils.buildCRLValidity(binary, issuer);
                CRLToken token = new CRLToken(certificate, validity);
                token.setSourceURL(url);
                token.setExternalOrigin(RevocationOrigin.EXTERNAL);
                return token;
            } catch (IOException | RuntimeException e) {
                // Unreachable distribution point or not a CRL: try the next one.
            }
        }
        return null;
    }
}
