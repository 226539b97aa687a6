package io.signet.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.notifier.result.ResultStatus;
import io.signet.notifier.result.SignatureResult;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallbackPlannerTest {

    private static SignatureResult result(String callbackUrl, String state) {
        return new SignatureResult(
                "sig-1",
                "rp",
                ResultStatus.COMPLETED,
                true,
                Instant.EPOCH,
                callbackUrl,
                "n 1",
                state,
                "c2ln",
                "pem",
                null,
                null,
                "ok",
                Instant.EPOCH,
                null);
    }

    @Test
    void govStackCallbackAppendsEncodedParameters() {
        assertThat(CallbackPlanner.govStackUrl(result("https://rp.example/cb", "s&t")))
                .isEqualTo("https://rp.example/cb?signatureId=sig-1&nonce=n+1&state=s%26t");
    }

    @Test
    void existingQueryIsKeptAndFragmentDropped() {
        assertThat(CallbackPlanner.govStackUrl(result("https://rp.example/cb?tenant=7#top", null)))
                .isEqualTo("https://rp.example/cb?tenant=7&signatureId=sig-1&nonce=n+1");
    }

    @Test
    void eventTypesNameTheEnding() {
        assertThat(CallbackPlanner.eventType(ResultStatus.EXPIRED)).isEqualTo("signature.expired");
    }
}
