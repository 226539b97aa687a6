package io.signet.certworker.ca;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The CA's names, key types, validities and the URLs written into every certificate.
 *
 * @param organization O of every CA subject
 * @param country C of every CA subject (two letters)
 * @param keyLabelPrefix prefix of the HSM labels of the CA keys (root, issuing, tsa, ocsp follow it)
 * @param rootKeyType key type of the root; P-384 because it signs almost nothing
 * @param issuingKeyType key type of the issuing CA, which signs every certificate and CRL (see {@link CaKeyType})
 * @param serviceKeyType key type of the TSA and OCSP signer keys
 * @param rootValidity lifetime of the self-signed root
 * @param issuingValidity lifetime of the issuing CA certificate
 * @param serviceValidity lifetime of the TSA and OCSP signer certificates
 * @param oneTimeValidity lifetime of a one-time signing certificate after its issuance (60 s by default); its
 *     notBefore goes back further, to the acceptance of its sign request (see {@code backdate})
 * @param scdValidity lifetime of an SCD certificate
 * @param backdate how far notBefore of an end-entity certificate lies before its issuance, for a one-time certificate
 *     before the acceptance of its sign request (its lifetime counts from notBefore): for relying parties whose clocks
 *     run a little slow, and for PAdES, whose claimed signing time is written into the PDF before the request is sent
 *     and must not precede the certificate (10 s by default)
 * @param ocspUrl OCSP responder URL (authority information access)
 * @param caIssuersUrl URL of the DER issuing CA certificate (authority information access)
 * @param crlUrl CRL distribution point of certificates the issuing CA issues (end entities, TSA)
 * @param rootCrlUrl CRL distribution point of the issuing CA certificate: the root's CRL (an ARL)
 * @param policyOids certificate policies of end-entity certificates
 */
@Validated
@ConfigurationProperties("signet.certworker.ca")
public record CaProperties(
        @DefaultValue("Signet") @NotBlank String organization,
        @DefaultValue("EU") @NotBlank String country,
        @DefaultValue("signet-ca-") @NotBlank String keyLabelPrefix,
        @DefaultValue("EC_P384") @NotNull CaKeyType rootKeyType,
        @DefaultValue("EC_P256") @NotNull CaKeyType issuingKeyType,
        @DefaultValue("EC_P256") @NotNull CaKeyType serviceKeyType,
        @DefaultValue("7305d") @NotNull Duration rootValidity,
        @DefaultValue("3652d") @NotNull Duration issuingValidity,
        @DefaultValue("1095d") @NotNull Duration serviceValidity,
        @DefaultValue("60s") @NotNull Duration oneTimeValidity,
        @DefaultValue("730d") @NotNull Duration scdValidity,
        @DefaultValue("10s") @NotNull Duration backdate,

        @DefaultValue("http://localhost:8082/pki/ocsp") @NotBlank
        String ocspUrl,

        @DefaultValue("http://localhost:8082/pki/issuing.cer") @NotBlank
        String caIssuersUrl,

        @DefaultValue("http://localhost:8082/pki/crl") @NotBlank
        String crlUrl,

        @DefaultValue("http://localhost:8082/pki/root-crl") @NotBlank
        String rootCrlUrl,

        @DefaultValue("0.4.0.194112.1.2") @NotEmpty List<String> policyOids) {

    /** The properties as bound without any configuration, for tests and tools. */
    public static CaProperties defaults() {
        return new CaProperties(
                "Signet",
                "EU",
                "signet-ca-",
                CaKeyType.EC_P384,
                CaKeyType.EC_P256,
                CaKeyType.EC_P256,
                Duration.ofDays(7305),
                Duration.ofDays(3652),
                Duration.ofDays(1095),
                Duration.ofSeconds(60),
                Duration.ofDays(730),
                Duration.ZERO,
                "http://localhost:8082/pki/ocsp",
                "http://localhost:8082/pki/issuing.cer",
                "http://localhost:8082/pki/crl",
                "http://localhost:8082/pki/root-crl",
                List.of("0.4.0.194112.1.2"));
    }
}
