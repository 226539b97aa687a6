package io.signet.notifier.support;

import io.signet.schemas.Base64Bytes;
import io.signet.schemas.ConformanceLevel;
import io.signet.schemas.HashType;
import io.signet.schemas.KeyAlgorithm;
import io.signet.schemas.SignCompleted;
import io.signet.schemas.SignFailed;
import io.signet.schemas.SignRequested;
import io.signet.schemas.SignatureFormat;
import io.signet.schemas.SignerClaims;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Sign events as the gateway and sign-worker publish them, with fake values. */
public final class Events {

    public static final String CERTIFICATE_PEM = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n";

    private Events() {}

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public static SignRequested requested(String signatureId, String rpId, String callbackUrl, Duration timeLeft) {
        Instant now = Instant.now();
        return new SignRequested(
                signatureId,
                rpId,
                SignatureFormat.CADES,
                ConformanceLevel.ADES_B_T,
                KeyAlgorithm.EC_P256,
                HashType.SHA2_256,
                Base64Bytes.of(new byte[32]),
                null,
                claims(),
                now,
                now.plus(timeLeft),
                callbackUrl,
                "d2dff00401c92ca6",
                "2569cb4125cb7303",
                null);
    }

    public static SignCompleted completed(String signatureId, String rpId, byte[] signature) {
        return new SignCompleted(
                signatureId,
                rpId,
                SignatureFormat.CADES,
                ConformanceLevel.ADES_B_T,
                Base64Bytes.of(signature),
                CERTIFICATE_PEM,
                Base64Bytes.of(new byte[] {9, 9, 9}),
                "SHA256withECDSA",
                Instant.now(),
                "key-" + signatureId);
    }

    public static SignFailed failed(String signatureId, String rpId) {
        return SignFailed.permanent(
                signatureId, rpId, SignFailed.ErrorCode.CA_REFUSED, "the CA refused the certificate", Instant.now());
    }

    private static SignerClaims claims() {
        return SignerClaims.ofSubject("pseudonym-1");
    }
}
