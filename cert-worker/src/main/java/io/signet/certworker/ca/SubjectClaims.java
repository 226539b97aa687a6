package io.signet.certworker.ca;

import java.time.LocalDate;
import java.util.List;

/**
 * The identity claims that go into an end-entity certificate, mapped as in the identity-claim table (003): the
 * names and address into the subject DN, birth data and nationalities into subjectDirectoryAttributes.
 *
 * @param subjectId pseudonymous subject id, written as the subject's serialNumber attribute (2.5.4.5); see {@link
 *     SubjectNames#serialNumber} for ids outside the PrintableString alphabet
 * @param commonName CN (2.5.4.3); required
 * @param givenName givenName (2.5.4.42), may be null
 * @param surname surname (2.5.4.4), may be null
 * @param countryName countryName (2.5.4.6), ISO 3166 alpha-2, may be null
 * @param postalCode postalCode (2.5.4.17), may be null
 * @param streetAddress streetAddress (2.5.4.9), may be null
 * @param locality localityName (2.5.4.7), may be null
 * @param dateOfBirth dateOfBirth (1.3.6.1.5.5.7.9.1), may be null
 * @param placeOfBirth placeOfBirth (1.3.6.1.5.5.7.9.2), may be null
 * @param countriesOfCitizenship countryOfCitizenship (1.3.6.1.5.5.7.9.4), ISO 3166 alpha-2 codes, may be empty
 */
public record SubjectClaims(
        String subjectId,
        String commonName,
        String givenName,
        String surname,
        String countryName,
        String postalCode,
        String streetAddress,
        String locality,
        LocalDate dateOfBirth,
        String placeOfBirth,
        List<String> countriesOfCitizenship) {

    public SubjectClaims {
        if (subjectId == null || subjectId.isBlank()) {
            throw new IllegalArgumentException("subject id is required");
        }
        if (commonName == null || commonName.isBlank()) {
            throw new IllegalArgumentException("common name is required");
        }
        if (countryName != null && !isCountryCode(countryName)) {
            throw new IllegalArgumentException("countryName must be an ISO 3166 alpha-2 code");
        }
        if (dateOfBirth != null && (dateOfBirth.getYear() < 0 || dateOfBirth.getYear() > 9999)) {
            // GeneralizedTime has a four-digit year.
            throw new IllegalArgumentException("dateOfBirth must lie in the years 0000 to 9999");
        }
        countriesOfCitizenship = countriesOfCitizenship == null ? List.of() : List.copyOf(countriesOfCitizenship);
        for (String country : countriesOfCitizenship) {
            if (!isCountryCode(country)) {
                throw new IllegalArgumentException("countryOfCitizenship must be ISO 3166 alpha-2 codes");
            }
        }
    }

    /** Claims with only the subject id and common name. */
    public static SubjectClaims minimal(String subjectId, String commonName) {
        return new SubjectClaims(subjectId, commonName, null, null, null, null, null, null, null, null, List.of());
    }

    static boolean isCountryCode(String value) {
        return value.length() == 2 && Character.isUpperCase(value.charAt(0)) && Character.isUpperCase(value.charAt(1));
    }

    /** The X.680 PrintableString alphabet. */
    static boolean isPrintable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || " '()+,-./:=?".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
