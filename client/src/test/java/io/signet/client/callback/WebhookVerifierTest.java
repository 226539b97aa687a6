package io.signet.client.callback;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {

    static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("0123456789abcdef0123".getBytes());
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    static final String QUERY = "signatureId=sig-1&nonce=n-1&state=s-1";

    private final WebhookVerifier verifier =
            new WebhookVerifier(SECRET, Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));

    /** Signed independently of the code under test, the way the Standard Webhooks spec describes it. */
    static String sign(String secret, String id, long timestamp, String payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
        return "v1,"
                + Base64.getEncoder()
                        .encodeToString(
                                mac.doFinal((id + "." + timestamp + "." + payload).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aCorrectlySignedFreshCallbackIsAccepted() throws Exception {
        long ts = NOW.getEpochSecond() - 30;
        assertThatCode(() -> verifier.verify("msg_1", Long.toString(ts), sign(SECRET, "msg_1", ts, QUERY), QUERY))
                .doesNotThrowAnyException();
    }

    @Test
    void oneMatchingSignatureAmongSeveralIsEnough() throws Exception {
        long ts = NOW.getEpochSecond();
        String header = "v1,AAAA " + sign(SECRET, "msg_1", ts, QUERY);
        assertThatCode(() -> verifier.verify("msg_1", Long.toString(ts), header, QUERY))
                .doesNotThrowAnyException();
    }

    @Test
    void aSignatureWithAnotherSecretIsRejected() throws Exception {
        String other = "whsec_" + Base64.getEncoder().encodeToString("another-secret-of-20b".getBytes());
        long ts = NOW.getEpochSecond();
        assertThatThrownBy(() -> verifier.verify("msg_1", Long.toString(ts), sign(other, "msg_1", ts, QUERY), QUERY))
                .isInstanceOf(WebhookVerificationException.class)
                .hasMessageContaining("does not match");
    }

    @Test
    void aChangedPayloadIsRejected() throws Exception {
        long ts = NOW.getEpochSecond();
        String header = sign(SECRET, "msg_1", ts, QUERY);
        assertThatThrownBy(() -> verifier.verify("msg_1", Long.toString(ts), header, QUERY.replace("s-1", "s-2")))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void aStaleTimestampIsRejectedEvenWithAValidSignature() throws Exception {
        long stale = NOW.minus(Duration.ofMinutes(6)).getEpochSecond();
        String header = sign(SECRET, "msg_1", stale, QUERY);
        assertThatThrownBy(() -> verifier.verify("msg_1", Long.toString(stale), header, QUERY))
                .isInstanceOf(WebhookVerificationException.class)
                .hasMessageContaining("tolerance");
    }

    @Test
    void aTimestampFromTheFarFutureIsRejected() throws Exception {
        long future = NOW.plus(Duration.ofMinutes(10)).getEpochSecond();
        String header = sign(SECRET, "msg_1", future, QUERY);
        assertThatThrownBy(() -> verifier.verify("msg_1", Long.toString(future), header, QUERY))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void missingHeadersAreRejected() {
        assertThatThrownBy(() -> verifier.verify("msg_1", null, null, QUERY))
                .isInstanceOf(WebhookVerificationException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void aTooShortSecretIsRefusedWithoutEchoingIt() {
        String shortSecret = "whsec_" + Base64.getEncoder().encodeToString("short".getBytes());
        assertThatThrownBy(() -> new WebhookVerifier(shortSecret))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(shortSecret);
    }
}
