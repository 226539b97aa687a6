package io.signet.certworker.onetime;

import io.signet.certworker.ca.SubjectClaims;
import io.signet.schemas.SignerClaims;

/** The claims of a {@code CertRequested} as certificate subject claims (the 003 mapping table). */
final class SignerClaimsMapping {

    private SignerClaimsMapping() {}

    /**
     * CN is the displayed name, else given and family name joined.
     *
     * @throws IllegalArgumentException when no name can be formed or a claim cannot be encoded
     */
    static SubjectClaims toSubject(SignerClaims signer) {
        String commonName = signer.name();
        if (commonName == null || commonName.isBlank()) {
            String joined = String.join(
                            " ",
                            signer.givenName() == null ? "" : signer.givenName(),
                            signer.familyName() == null ? "" : signer.familyName())
                    .strip();
            commonName = joined.isEmpty() ? null : joined;
        }
        return new SubjectClaims(
                signer.subject(),
                commonName,
                signer.givenName(),
                signer.familyName(),
                signer.country(),
                signer.postalCode(),
                signer.streetAddress(),
                signer.locality(),
                signer.birthdate(),
                signer.placeOfBirth(),
                signer.nationalities());
    }
}
