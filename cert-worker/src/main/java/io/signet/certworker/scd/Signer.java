package io.signet.certworker.scd;

import java.time.LocalDate;
import java.util.List;

/**
 * The authenticated caller, from a verified ID provider token. {@link #toString()} shows the subject only.
 *
 * @param subject the token's {@code sub} (pseudonymous id; owner of the certificates it creates)
 * @param admin whether the caller holds the admin role
 * @param name {@code name}, or null
 * @param givenName {@code given_name}, or null
 * @param familyName {@code family_name}, or null
 * @param country {@code address.country}, or null
 * @param postalCode {@code address.postal_code}, or null
 * @param streetAddress {@code address.street_address}, or null
 * @param locality {@code address.locality}, or null
 * @param birthdate {@code birthdate}, or null
 * @param placeOfBirth {@code place_of_birth} (text, or the locality and country of the object), or null
 * @param nationalities {@code nationalities}, possibly empty
 */
public record Signer(
        String subject,
        boolean admin,
        String name,
        String givenName,
        String familyName,
        String country,
        String postalCode,
        String streetAddress,
        String locality,
        LocalDate birthdate,
        String placeOfBirth,
        List<String> nationalities) {

    /** CN: the name, else given and family name joined, else null. */
    public String commonName() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        String joined = String.join(" ", givenName == null ? "" : givenName, familyName == null ? "" : familyName)
                .strip();
        return joined.isEmpty() ? null : joined;
    }

    @Override
    public String toString() {
        return "Signer[subject=" + subject + ", admin=" + admin + "]";
    }
}
