package io.signet.signworker.testing;

import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.model.x509.revocation.crl.CRL;
import eu.europa.esig.dss.model.x509.revocation.ocsp.OCSP;
import eu.europa.esig.dss.spi.x509.revocation.RevocationToken;
import eu.europa.esig.dss.spi.x509.revocation.crl.CRLSource;
import eu.europa.esig.dss.spi.x509.revocation.crl.CRLToken;
import eu.europa.esig.dss.spi.x509.revocation.crl.ExternalResourcesCRLSource;
import eu.europa.esig.dss.spi.x509.revocation.ocsp.ExternalResourcesOCSPSource;
import eu.europa.esig.dss.spi.x509.revocation.ocsp.OCSPSource;
import eu.europa.esig.dss.spi.x509.revocation.ocsp.OCSPToken;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;

/**
 * DSS revocation sources that go online, as a relying party's validator does: OCSP at the certificate's AIA
 * responder URL and CRLs at its distribution point, over HTTP (DSS's own online sources live in dss-service, which
 * the build does not have). The fetched bytes are parsed and checked by DSS itself.
 */
public final class OnlineRevocation {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private OnlineRevocation() {}

    public static OCSPSource ocsp() {
        return (certificate, issuer) -> {
            Optional<String> url = ocspUrl(holder(certificate));
            if (url.isEmpty() || issuer == null) {
                return null;
            }
            try {
                byte[] request = new OCSPReqBuilder()
                        .addRequest(new CertificateID(
                                new BcDigestCalculatorProvider().get(CertificateID.HASH_SHA1),
                                holder(issuer),
                                certificate.getSerialNumber()))
                        .build()
                        .getEncoded();
                byte[] response = post(url.get(), request);
                List<RevocationToken<OCSP>> tokens = new ExternalResourcesOCSPSource(new InMemoryDocument(response))
                        .getRevocationTokens(certificate, issuer);
                return tokens.isEmpty() ? null : (OCSPToken) tokens.getFirst();
            } catch (Exception e) {
                throw new IllegalStateException("OCSP request failed", e);
            }
        };
    }

    public static CRLSource crl() {
        return (certificate, issuer) -> {
            Optional<String> url = crlUrl(holder(certificate));
            if (url.isEmpty() || issuer == null) {
                return null;
            }
            try {
                HttpResponse<byte[]> response = HTTP.send(
                        HttpRequest.newBuilder(URI.create(url.get())).build(), HttpResponse.BodyHandlers.ofByteArray());
                List<RevocationToken<CRL>> tokens = new ExternalResourcesCRLSource(
                                new InMemoryDocument(response.body()))
                        .getRevocationTokens(certificate, issuer);
                return tokens.isEmpty() ? null : (CRLToken) tokens.getFirst();
            } catch (Exception e) {
                throw new IllegalStateException("CRL download failed", e);
            }
        };
    }

    private static byte[] post(String url, byte[] body) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/ocsp-request")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return response.body();
    }

    private static Optional<String> ocspUrl(X509CertificateHolder certificate) {
        AuthorityInformationAccess aia = AuthorityInformationAccess.fromExtensions(certificate.getExtensions());
        if (aia == null) {
            return Optional.empty();
        }
        for (AccessDescription description : aia.getAccessDescriptions()) {
            if (description.getAccessMethod().equals(AccessDescription.id_ad_ocsp)
                    && description.getAccessLocation().getTagNo() == GeneralName.uniformResourceIdentifier) {
                return Optional.of(description.getAccessLocation().getName().toString());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> crlUrl(X509CertificateHolder certificate) {
        Extension extension = certificate.getExtension(Extension.cRLDistributionPoints);
        if (extension == null) {
            return Optional.empty();
        }
        for (var point : CRLDistPoint.getInstance(extension.getParsedValue()).getDistributionPoints()) {
            DistributionPointName name = point.getDistributionPoint();
            if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                for (GeneralName general :
                        GeneralNames.getInstance(name.getName()).getNames()) {
                    if (general.getTagNo() == GeneralName.uniformResourceIdentifier) {
                        return Optional.of(general.getName().toString());
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static X509CertificateHolder holder(CertificateToken token) {
        try {
            return new X509CertificateHolder(token.getEncoded());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
