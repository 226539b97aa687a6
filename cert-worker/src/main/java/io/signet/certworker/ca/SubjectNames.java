package io.signet.certworker.ca;

import java.util.Vector;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Attribute;
import org.bouncycastle.asn1.x509.SubjectDirectoryAttributes;

/** Maps {@link SubjectClaims} to a subject DN and a subjectDirectoryAttributes value. Stateless. */
public final class SubjectNames {

    private SubjectNames() {}

    /** C, L, postalCode, street, surname, givenName, serialNumber, CN: each present claim once. */
    public static X500Name subject(SubjectClaims claims) {
        // BCStyle encodes C and serialNumber as PrintableString and the rest as UTF8String (RFC 5280 4.1.2.4).
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
        if (claims.countryName() != null) {
            builder.addRDN(BCStyle.C, claims.countryName());
        }
        if (claims.locality() != null) {
            builder.addRDN(BCStyle.L, claims.locality());
        }
        if (claims.postalCode() != null) {
            builder.addRDN(BCStyle.POSTAL_CODE, claims.postalCode());
        }
        if (claims.streetAddress() != null) {
            builder.addRDN(BCStyle.STREET, claims.streetAddress());
        }
        if (claims.surname() != null) {
            builder.addRDN(BCStyle.SURNAME, claims.surname());
        }
        if (claims.givenName() != null) {
            builder.addRDN(BCStyle.GIVENNAME, claims.givenName());
        }
        builder.addRDN(BCStyle.SERIALNUMBER, serialNumber(claims.subjectId()));
        builder.addRDN(BCStyle.CN, claims.commonName());
        return builder.build();
    }

    /**
     * The serialNumber attribute for a subject id. X.520 makes it a PrintableString of at most 64 characters; an id
     * that fits is used as it is, any other (an ID provider's {@code sub} such as {@code auth0|5f…} or an e-mail-like
     * id) becomes {@code PSN-} and 40 hex digits of its SHA-256, stable and still pseudonymous.
     */
    public static String serialNumber(String subjectId) {
        if (subjectId.length() <= 64 && SubjectClaims.isPrintable(subjectId)) {
            return subjectId;
        }
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(subjectId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "PSN-" + java.util.HexFormat.of().formatHex(hash, 0, 20);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The attributes for the subjectDirectoryAttributes extension, or null when no claim needs it. */
    public static SubjectDirectoryAttributes directoryAttributes(SubjectClaims claims) {
        Vector<Attribute> attributes = new Vector<>();
        if (claims.dateOfBirth() != null) {
            attributes.add(attribute(BCStyle.DATE_OF_BIRTH, DerTimes.noonOf(claims.dateOfBirth())));
        }
        if (claims.placeOfBirth() != null) {
            attributes.add(attribute(BCStyle.PLACE_OF_BIRTH, new DERUTF8String(claims.placeOfBirth())));
        }
        for (String country : claims.countriesOfCitizenship()) {
            attributes.add(attribute(BCStyle.COUNTRY_OF_CITIZENSHIP, new DERPrintableString(country)));
        }
        return attributes.isEmpty() ? null : new SubjectDirectoryAttributes(attributes);
    }

    private static Attribute attribute(ASN1ObjectIdentifier type, ASN1Encodable value) {
        return new Attribute(type, new DERSet(value));
    }
}
