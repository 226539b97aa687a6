package io.signet.platform.hsm;

import io.signet.hsm.HsmConfig;
import io.signet.hsm.softhsm.SoftHsmConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code signet.hsm.*}: which PKCS#11 token a service signs with.
 *
 * <p>The checks run in the constructor (so they hold even where no Bean Validation provider is on the classpath); a
 * bad value fails start-up with one line naming the property.
 *
 * @param module the PKCS#11 library; default: SoftHSM2 at its usual paths (or SIGNET_HSM_MODULE)
 * @param tokenLabel label of the token (required; its presence switches the HSM wiring on)
 * @param pin the user PIN in plain configuration; prefer {@code pin-file}
 * @param pinFile a secrets file holding the user PIN; wins over {@code pin}
 * @param poolSize maximum PKCS#11 sessions; default 2 x CPU cores
 * @param borrowTimeout how long an operation waits for a free session before HSM_BUSY; default 5 s
 */
@ConfigurationProperties("signet.hsm")
@Validated
public record HsmProperties(
        Path module, String tokenLabel, String pin, Path pinFile, Integer poolSize, Duration borrowTimeout) {

    public HsmProperties {
        if (tokenLabel == null || tokenLabel.isBlank()) {
            throw new IllegalArgumentException("signet.hsm.token-label must be set");
        }
        if (pinFile == null && (pin == null || pin.isEmpty())) {
            throw new IllegalArgumentException("signet.hsm.pin-file (preferred) or signet.hsm.pin must be set");
        }
        if (poolSize != null && poolSize < 1) {
            throw new IllegalArgumentException("signet.hsm.pool-size must be at least 1, was " + poolSize);
        }
        if (borrowTimeout != null && borrowTimeout.isNegative()) {
            throw new IllegalArgumentException("signet.hsm.borrow-timeout must not be negative");
        }
    }

    /** The library configuration, with defaults filled in and the PIN read from the PIN file if one is set. */
    public HsmConfig toHsmConfig() {
        char[] userPin = pinFile != null ? HsmConfig.pinFromFile(pinFile) : pin.toCharArray();
        return new HsmConfig(
                module != null ? module : SoftHsmConfig.defaultModulePath(),
                tokenLabel,
                userPin,
                poolSize != null ? poolSize : HsmConfig.defaultPoolSize(),
                borrowTimeout != null ? borrowTimeout : HsmConfig.DEFAULT_BORROW_TIMEOUT);
    }

    @Override
    public String toString() {
        return "HsmProperties[module=" + module + ", tokenLabel=" + tokenLabel + ", pin="
                + (pin == null ? "<unset>" : "<hidden>") + ", pinFile=" + pinFile + ", poolSize=" + poolSize
                + ", borrowTimeout=" + borrowTimeout + "]";
    }
}
