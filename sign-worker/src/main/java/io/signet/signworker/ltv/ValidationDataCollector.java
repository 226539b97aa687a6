package io.signet.signworker.ltv;

import io.signet.platform.http.ServiceHttp;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.tsp.TimeStampToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers what a B-LT signature embeds so that a validator needs nothing online: the whole CA chain, the TSA's
 * certificates, the OCSP response cert-worker returned for the signer certificate, and the CRLs: the configured ones
 * and those the CA and TSA certificates name as distribution points (so the issuing CA's status comes from the
 * root's CRL). CRLs are fetched once and reused until their nextUpdate or the refresh interval, whichever is first; a
 * refresh that fails keeps the CRL in hand until its nextUpdate. Thread-safe.
 */
public final class ValidationDataCollector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ValidationDataCollector.class);

    private final LtvProperties properties;
    private final Clock clock;
    private final ServiceHttp http;
    private final Map<URI, CachedCrl> crls = new ConcurrentHashMap<>();

    public ValidationDataCollector(LtvProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        // CRLs are cached until shortly before their next update: a few connections are plenty.
        this.http = new ServiceHttp(properties.timeout(), 4);
    }

    /**
     * @param chain the signer certificate's CA chain, issuing CA first
     * @param signerOcsp the OCSP response for the signer certificate
     * @param timeStamp the signature time-stamp, whose certificates are added
     */
    public ValidationData collect(List<Certificate> chain, OCSPResponse signerOcsp, TimeStampToken timeStamp) {
        List<Certificate> certificates = new ArrayList<>(chain);
        for (X509CertificateHolder tsa : timeStamp.getCertificates().getMatches(null)) {
            certificates.add(tsa.toASN1Structure());
        }
        // The configured CRLs, and those the CA and TSA certificates point to (the issuing CA's points to the root's).
        Set<URI> urls = new LinkedHashSet<>(properties.crlUrls());
        certificates.forEach(certificate -> urls.addAll(distributionPoints(certificate)));
        List<CertificateList> lists = new ArrayList<>();
        for (URI url : urls) {
            lists.add(crl(url));
        }
        return new ValidationData(certificates, signerOcsp == null ? List.of() : List.of(signerOcsp), lists);
    }

    private static List<URI> distributionPoints(Certificate certificate) {
        Extensions extensions = certificate.getTBSCertificate().getExtensions();
        CRLDistPoint points = extensions == null ? null : CRLDistPoint.fromExtensions(extensions);
        if (points == null) {
            return List.of();
        }
        List<URI> urls = new ArrayList<>();
        for (DistributionPoint point : points.getDistributionPoints()) {
            DistributionPointName name = point.getDistributionPoint();
            if (name == null || name.getType() != DistributionPointName.FULL_NAME) {
                continue;
            }
            for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
                String value = general.getName().toString();
                if (general.getTagNo() == GeneralName.uniformResourceIdentifier
                        && (value.startsWith("http://") || value.startsWith("https://"))) {
                    urls.add(URI.create(value));
                }
            }
        }
        return urls;
    }

    private CertificateList crl(URI url) {
        Instant now = clock.instant();
        CachedCrl cached = crls.get(url);
        if (cached != null && now.isBefore(cached.refreshAt())) {
            return cached.crl();
        }
        CertificateList fresh;
        try {
            fresh = fetch(url);
        } catch (LtvException e) {
            // A CA briefly away (restarting) must not fail B-LT signatures while the CRL in hand is still current.
            if (cached != null && stillCurrent(cached.crl(), now)) {
                LOG.warn(
                        "CRL at {} not refreshed, reusing the one in hand until its nextUpdate: {}",
                        url,
                        e.getMessage());
                return cached.crl();
            }
            throw e;
        }
        Instant refreshAt = now.plus(properties.crlRefresh());
        if (fresh.getNextUpdate() != null
                && fresh.getNextUpdate().getDate().toInstant().isBefore(refreshAt)) {
            refreshAt = fresh.getNextUpdate().getDate().toInstant();
        }
        crls.put(url, new CachedCrl(fresh, refreshAt));
        return fresh;
    }

    private static boolean stillCurrent(CertificateList crl, Instant now) {
        return crl.getNextUpdate() != null
                && now.isBefore(crl.getNextUpdate().getDate().toInstant());
    }

    private CertificateList fetch(URI url) {
        try {
            ServiceHttp.Response response = http.get(url, Map.of());
            if (response.status() != 200) {
                throw new LtvException("CRL at " + url + " answered HTTP " + response.status());
            }
            CertificateList crl = CertificateList.getInstance(response.body());
            LOG.debug("fetched CRL of {} from {}", crl.getIssuer(), url);
            return crl;
        } catch (IOException | IllegalArgumentException e) {
            throw new LtvException(
                    "CRL at " + url + " unusable: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public void close() {
        http.close();
    }

    private record CachedCrl(CertificateList crl, Instant refreshAt) {}
}
