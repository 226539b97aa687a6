package io.signet.schemas;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Identity claims of the signer that go into the one-time certificate. Names follow the identity-assurance claims
 * of the bank-ID QES guide (003) in camel case; each component says where cert-worker puts it. Every claim but
 * {@code subject} is optional (null when absent). {@link #toString()} shows the pseudonymous subject only, since the
 * rest is personal data that must not be logged.
 *
 * @param subject pseudonymous, stable id of the signer (e.g. the ID provider's {@code sub} or a Signet pseudonym);
 *     never a national id number
 * @param givenName given name(s), UTF-8; subject DN givenName (2.5.4.42)
 * @param familyName family name, UTF-8; subject DN surname (2.5.4.4)
 * @param name full name as displayed, UTF-8; subject DN commonName (2.5.4.3)
 * @param birthdate date of birth, ISO-8601 calendar date ({@code 1990-05-17}); subject directory attribute
 *     dateOfBirth (1.3.6.1.5.5.7.9.1)
 * @param placeOfBirth place of birth as free text ({@code Springfield, US}); subject directory attribute placeOfBirth
 *     (1.3.6.1.5.5.7.9.2)
 * @param nationalities ISO 3166-1 alpha-2 codes of the signer's nationalities; subject directory attribute
 *     countryOfCitizenship (1.3.6.1.5.5.7.9.4), one per code
 * @param country ISO 3166-1 alpha-2 code of the address' country; subject DN countryName (2.5.4.6)
 * @param postalCode postal code of the address; subject DN postalCode (2.5.4.17)
 * @param streetAddress street and house number of the address; subject DN streetAddress (2.5.4.9)
 * @param locality city of the address; subject DN localityName (2.5.4.7)
 */
public record SignerClaims(
        String subject,
        String givenName,
        String familyName,
        String name,
        LocalDate birthdate,
        String placeOfBirth,
        List<String> nationalities,
        String country,
        String postalCode,
        String streetAddress,
        String locality) {

    public SignerClaims {
        Objects.requireNonNull(subject, "subject");
        nationalities = nationalities == null ? null : List.copyOf(nationalities);
    }

    /** Claims carrying the pseudonymous subject only. */
    public static SignerClaims ofSubject(String subject) {
        return new SignerClaims(subject, null, null, null, null, null, null, null, null, null, null);
    }

    @Override
    public String toString() {
        return "SignerClaims[subject=" + subject + "]";
    }
}
