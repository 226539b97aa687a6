package io.signet.client.validation;

import eu.europa.esig.dss.enumerations.RevocationOrigin;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.x509.revocation.ocsp.OCSPSource;
import eu.europa.esig.dss.spi.x509.revocation.ocsp.OCSPToken;
import java.io.IOException;
import java.net.URI;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Asks the OCSP responder a certificate names in its AIA (RFC 6960 over HTTP POST). DSS's own online source lives in
 * a module that is not available to this build, so this is the small part of it Signet needs. Answers null when the
 * certificate names no responder or the responder gives no usable answer; DSS then tries the CRL. Stateless.
 */
public final class OnlineOcspSource implements OCSPSource {

    private static final long serialVersionUID = 1L;

    @Override
    public OCSPToken getRevocationToken(CertificateToken certificate, CertificateToken issuer) {
        if (issuer == null) {
            return null;
        }
        for (String url : CertificateUrls.ocsp(certificate.getCertificate())) {
            try {
                CertificateID id = new CertificateID(
                        new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                        new JcaX509CertificateHolder(issuer.getCertificate()),
                        certificate.getSerialNumber());
                byte[] request = new OCSPReqBuilder().addRequest(id).build().getEncoded();
                OCSPResp response = new OCSPResp(Http.post(URI.create(url), "application/ocsp-request", request));
                if (response.getStatus() != OCSPResp.SUCCESSFUL
                        || !(response.getResponseObject() instanceof BasicOCSPResp basic)) {
                    continue;
                }
                for (SingleResp single : basic.getResponses()) {
                    if (single.getCertID()
                                    .matchesIssuer(
                                            new JcaX509CertificateHolder(issuer.getCertificate()),
                                            new JcaDigestCalculatorProviderBuilder().build())
                            && single.getCertID().getSerialNumber().equals(certificate.getSerialNumber())) {
                        OCSPToken token = new OCSPToken(basic, single, certificate, issuer);
                        token.setSourceURL(url);
                        token.setExternalOrigin(RevocationOrigin.EXTERNAL);
                        return token;
                    }
                }
            } catch (IOException
                    | org.bouncycastle.operator.OperatorCreationException
                    | org.bouncycastle.cert.ocsp.OCSPException
                    | java.security.cert.CertificateEncodingException e) {
                // Unreachable or unusable responder: no OCSP answer; DSS falls back to the CRL.
            }
        }
        return null;
    }
}
