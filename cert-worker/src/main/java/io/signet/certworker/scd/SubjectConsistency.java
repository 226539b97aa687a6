package io.signet.certworker.scd;

import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The CSR's subject may only say what the ID provider token says: every attribute must be one the token backs (CN,
 * givenName, surname, C, postalCode, street, L) with the same value. The certificate subject itself is built from
 * the token, so this check only catches requests that claim someone else.
 */
final class SubjectConsistency {

    private SubjectConsistency() {}

    static void check(X500Name csrSubject, Signer signer) {
        Map<ASN1ObjectIdentifier, String> backed = new java.util.HashMap<>();
        put(backed, BCStyle.CN, signer.commonName());
        put(backed, BCStyle.GIVENNAME, signer.givenName());
        put(backed, BCStyle.SURNAME, signer.familyName());
        put(backed, BCStyle.C, signer.country());
        put(backed, BCStyle.POSTAL_CODE, signer.postalCode());
        put(backed, BCStyle.STREET, signer.streetAddress());
        put(backed, BCStyle.L, signer.locality());
        for (RDN rdn : csrSubject.getRDNs()) {
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                String expected = backed.get(attribute.getType());
                String actual = attribute.getValue() instanceof ASN1String text ? text.getString() : null;
                if (expected == null || !expected.equals(actual)) {
                    throw ScdCertHandler.unprocessable("CSR subject attribute "
                            + BCStyle.INSTANCE.oidToDisplayName(attribute.getType())
                            + " does not match the ID provider token");
                }
            }
        }
    }

    private static void put(Map<ASN1ObjectIdentifier, String> map, ASN1ObjectIdentifier type, String value) {
        if (value != null) {
            map.put(type, value);
        }
    }
}
