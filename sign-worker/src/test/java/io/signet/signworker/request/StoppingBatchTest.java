package io.signet.signworker.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.schemas.SignFailed;
import io.signet.schemas.SignFailed.ErrorCode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;

/**
 * A batch that ends while sign-worker stops: failures the stopping service can cause itself roll the batch back
 * instead of becoming results; failures about the request itself stand.
 */
class StoppingBatchTest {

    @Test
    void failuresAboutTheRequestItselfAreKeptWhileStopping() {
        List<SignOutcome> outcomes =
                List.of(failed(ErrorCode.EXPIRED), failed(ErrorCode.CA_REFUSED), failed(ErrorCode.INVALID_CLAIMS));

        assertThatCode(() -> SignRequestListener.rollBackFailuresOfStopping(outcomes))
                .doesNotThrowAnyException();
    }

    @Test
    void anHsmTsaOrInternalFailureWhileStoppingRollsTheWholeBatchBack() {
        for (ErrorCode code : List.of(ErrorCode.HSM_UNAVAILABLE, ErrorCode.TSA_UNAVAILABLE, ErrorCode.INTERNAL)) {
            List<SignOutcome> outcomes = List.of(failed(ErrorCode.EXPIRED), failed(code));

            assertThatThrownBy(() -> SignRequestListener.rollBackFailuresOfStopping(outcomes))
                    .as(code.name())
                    .isInstanceOf(SignRequestListener.WorkerStoppingException.class)
                    .hasMessageStartingWith("1 sign requests of this batch failed while sign-worker stops");
        }
    }

    @Test
    void theSignalTurnsOnWhenTheServiceBeginsToClose() {
        ShutdownSignal signal = new ShutdownSignal();
        GenericApplicationContext context = new GenericApplicationContext();
        context.addApplicationListener(signal);
        context.refresh();
        assertThat(signal.getAsBoolean()).isFalse();

        context.close();

        assertThat(signal.getAsBoolean()).isTrue();
    }

    private static SignOutcome failed(ErrorCode code) {
        SignFailed failed =
                SignFailed.permanent(UUID.randomUUID().toString(), "rp", code, "failed in a test", Instant.now());
        return new SignOutcome(failed, null);
    }
}
