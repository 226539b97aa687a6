package io.signet.platform.hsm;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.hsm.HsmException;
import io.signet.hsm.KeyAlgorithm;
import io.signet.hsm.KeyHandle;
import io.signet.hsm.KeyStoreToken;
import io.signet.hsm.TokenInitializer;
import io.signet.hsm.softhsm.SoftHsmConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The Spring wiring against a real SoftHSM token created in this module's target/softhsm2. */
class HsmAutoConfigurationIT {

    private static final String TOKEN = "signet-sign";
    private static final String USER_PIN = "platform-it-user";

    @TempDir
    static Path secrets;

    private static Path pinFile;

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HsmAutoConfiguration.class));

    @BeforeAll
    static void token() throws Exception {
        Path conf = SoftHsmConfig.confFileFromEnvironment().orElseThrow();
        SoftHsmConfig.writeConfig(conf, conf.resolveSibling("tokens"));
        TokenInitializer.ensureToken(
                SoftHsmConfig.defaultModulePath(), TOKEN, "platform-it-so".toCharArray(), USER_PIN.toCharArray());
        pinFile = Files.writeString(secrets.resolve("hsm.pin"), USER_PIN + "\n");
    }

    @Test
    void tokenLabelAndPinFileGiveAWorkingTokenAndAnUpHealthIndicator() {
        AtomicReference<KeyStoreToken> seen = new AtomicReference<>();
        runner.withPropertyValues(
                        "signet.hsm.token-label=" + TOKEN, "signet.hsm.pin-file=" + pinFile, "signet.hsm.pool-size=3")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(KeyStoreToken.class);
                    KeyStoreToken token = context.getBean(KeyStoreToken.class);
                    seen.set(token);
                    KeyHandle key = token.generateEphemeral(KeyAlgorithm.EC_P256);
                    token.destroy(key);

                    Health health = context.getBean("hsmHealthIndicator", HsmHealthIndicator.class)
                            .health();

                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails())
                            .containsEntry("tokenLabel", TOKEN)
                            .containsEntry("maxSessions", 3)
                            .containsEntry("liveEphemeralKeys", 0)
                            .containsKeys("openSessions", "idleSessions", "borrowedSessions", "borrowTimeouts");
                });
        // The context closed the token (and with it its sessions).
        assertThat(seen.get().healthy()).isFalse();
    }

    @Test
    void withoutTokenLabelNothingIsWired() {
        runner.run(context -> assertThat(context)
                .hasNotFailed()
                .doesNotHaveBean(KeyStoreToken.class)
                .doesNotHaveBean("hsmHealthIndicator"));
    }

    @Test
    void wrongPinStopsStartUpWithTheOneLineMessage() {
        runner.withPropertyValues("signet.hsm.token-label=" + TOKEN, "signet.hsm.pin=definitely-wrong")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(causeOfType(context.getStartupFailure(), HsmException.class))
                            .hasMessage("login to token 'signet-sign' failed: CKR_PIN_INCORRECT");
                });
    }

    @Test
    void missingPinIsAConfigurationError() {
        runner.withPropertyValues("signet.hsm.token-label=" + TOKEN).run(context -> {
            assertThat(context).hasFailed();
            assertThat(rootCause(context.getStartupFailure()))
                    .hasMessage("signet.hsm.pin-file (preferred) or signet.hsm.pin must be set");
        });
    }

    @Test
    void propertiesNeverPrintThePin() {
        HsmProperties properties = new HsmProperties(null, TOKEN, "secret-pin-value", null, null, null);

        assertThat(properties.toString()).doesNotContain("secret-pin-value");
    }

    private static Throwable causeOfType(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return cause;
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in the cause chain of " + failure);
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
