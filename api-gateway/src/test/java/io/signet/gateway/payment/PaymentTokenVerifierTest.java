package io.signet.gateway.payment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.gateway.error.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PaymentTokenVerifierTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final PaymentTokenVerifier required =
            new PaymentTokenVerifier(new PaymentProperties(true, "shared-secret"), clock);

    @Test
    void validTokenPasses() {
        String token = PaymentTokenVerifier.issue("shared-secret", NOW.getEpochSecond() + 60, "pay-123");
        assertThatCode(() -> required.check(token)).doesNotThrowAnyException();
    }

    @Test
    void missingForgedMalformedOrExpiredTokensAre402() {
        String expired = PaymentTokenVerifier.issue("shared-secret", NOW.getEpochSecond() - 1, "pay-123");
        String forged = PaymentTokenVerifier.issue("other-secret", NOW.getEpochSecond() + 60, "pay-123");
        for (String token : new String[] {null, "", "abc", expired, forged, "1.2.!!"}) {
            assertThatThrownBy(() -> required.check(token))
                    .isInstanceOf(ApiException.class)
                    .matches(e -> ((ApiException) e).status().value() == 402);
        }
    }

    @Test
    void notRequiredMeansNotChecked() {
        PaymentTokenVerifier off = new PaymentTokenVerifier(new PaymentProperties(false, null), clock);
        assertThatCode(() -> off.check(null)).doesNotThrowAnyException();
    }
}
