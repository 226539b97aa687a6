package io.signet.client.validation;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/** The OCSP (AIA) and CRL (CDP) URLs a certificate names. */
final class CertificateUrls {

    private CertificateUrls() {}

    static List<String> ocsp(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
        List<String> urls = new ArrayList<>();
        if (value == null) {
            return urls;
        }
        AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(
                ASN1OctetString.getInstance(value).getOctets());
        for (AccessDescription description : aia.getAccessDescriptions()) {
            if (description.getAccessMethod().equals(AccessDescription.id_ad_ocsp)) {
                uri(description.getAccessLocation(), urls);
            }
        }
        return urls;
    }

    static List<String> crl(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
        List<String> urls = new ArrayList<>();
        if (value == null) {
            return urls;
        }
        CRLDistPoint points =
                CRLDistPoint.getInstance(ASN1OctetString.getInstance(value).getOctets());
        for (DistributionPoint point : points.getDistributionPoints()) {
            DistributionPointName name = point.getDistributionPoint();
            if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                for (GeneralName general :
                        GeneralNames.getInstance(name.getName()).getNames()) {
                    uri(general, urls);
                }
            }
        }
        return urls;
    }

    private static void uri(GeneralName name, List<String> urls) {
        if (name.getTagNo() == GeneralName.uniformResourceIdentifier) {
            String url = name.getName().toString();
            if (url.startsWith("http://") || url.startsWith("https://")) {
                urls.add(url);
            }
        }
    }
}
