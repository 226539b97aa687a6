package io.signet.audit.head;

import io.signet.hsm.HsmConfig;
import io.signet.hsm.KeyStoreToken;
import io.signet.hsm.Pkcs11Token;
import java.util.Arrays;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Opens the token of the audit key from {@code signet.hsm.*} unless the application already has a KeyStoreToken (the
 * shared platform configuration, or a launcher's). The PIN comes from the PIN file only and is wiped after login.
 */
@Configuration(proxyBeanMethods = false)
public class FallbackHsmConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(KeyStoreToken.class)
    KeyStoreToken auditToken(HsmProperties properties) {
        if (properties.pinFile() == null) {
            throw new IllegalStateException("signet.hsm.pin-file (SIGNET_HSM_PIN_FILE) is not set");
        }
        char[] pin = HsmConfig.pinFromFile(properties.pinFile());
        try {
            return Pkcs11Token.open(new HsmConfig(
                    properties.module(),
                    properties.tokenLabel(),
                    pin,
                    properties.poolSize(),
                    properties.borrowTimeout()));
        } finally {
            Arrays.fill(pin, '\0');
        }
    }
}
