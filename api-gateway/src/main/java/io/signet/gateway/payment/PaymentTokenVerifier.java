package io.signet.gateway.payment;

import io.signet.gateway.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Checks {@code X-GovStack-PaymentToken} when payment is required. Deliberately simple: the payment service and the
 * gateway share an HMAC key, and a token is {@code <expiresEpochSeconds>.<reference>.<mac>} where {@code mac} is
 * base64url (no padding) of HMAC-SHA256 over {@code <expiresEpochSeconds>.<reference>}; {@code reference} is the
 * payment's id ({@code [A-Za-z0-9_-]{1,128}}). A token is valid until it expires; replay within that time is not
 * prevented here. Thread-safe.
 */
@Component
public class PaymentTokenVerifier {

    private static final String ALGORITHM = "HmacSHA256";

    private final PaymentProperties properties;
    private final Clock clock;

    public PaymentTokenVerifier(PaymentProperties properties, Clock clock) {
        if (properties.required()
                && (properties.hmacSecret() == null || properties.hmacSecret().isBlank())) {
            throw new IllegalStateException("signet.gateway.payment.required is true but no hmac-secret is set");
        }
        this.properties = properties;
        this.clock = clock;
    }

    /** @throws ApiException 402 when payment is required and the token is absent, malformed, forged or expired */
    public void check(String token) {
        if (!properties.required()) {
            return;
        }
        if (token == null || token.isBlank()) {
            throw paymentRequired("Payment required: X-GovStack-PaymentToken is missing");
        }
        String[] parts = token.trim().split("\\.", -1);
        if (parts.length != 3 || !parts[0].matches("[0-9]{1,12}") || !parts[1].matches("[A-Za-z0-9_-]{1,128}")) {
            throw paymentRequired("Payment required: X-GovStack-PaymentToken is malformed");
        }
        byte[] expected = mac(properties.hmacSecret(), parts[0] + "." + parts[1]);
        byte[] presented;
        try {
            presented = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw paymentRequired("Payment required: X-GovStack-PaymentToken is malformed");
        }
        if (!MessageDigest.isEqual(expected, presented)) {
            throw paymentRequired("Payment required: X-GovStack-PaymentToken is not valid");
        }
        if (Long.parseLong(parts[0]) < clock.instant().getEpochSecond()) {
            throw paymentRequired("Payment required: X-GovStack-PaymentToken has expired");
        }
    }

    /** Issues a token as the payment service would; for tests and the dev setup. */
    public static String issue(String hmacSecret, long expiresEpochSeconds, String reference) {
        String signed = expiresEpochSeconds + "." + reference;
        return signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(hmacSecret, signed));
    }

    private static byte[] mac(String secret, String data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    private static ApiException paymentRequired(String message) {
        return new ApiException(HttpStatus.PAYMENT_REQUIRED, message);
    }
}
