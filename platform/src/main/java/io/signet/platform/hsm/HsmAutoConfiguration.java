package io.signet.platform.hsm;

import io.signet.hsm.HsmConfig;
import io.signet.hsm.KeyStoreToken;
import io.signet.hsm.Pkcs11Token;
import java.util.Arrays;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The HSM token of a service that signs (sign-worker: signet-sign, cert-worker: signet-ca), switched on by
 * {@code signet.hsm.token-label}. The token opens (and logs in) at start-up, so a wrong module, label or PIN stops
 * the service with one clear line; it closes with the context, which also destroys any ephemeral keys left.
 */
@AutoConfiguration
@ConditionalOnClass(Pkcs11Token.class)
@ConditionalOnProperty(prefix = "signet.hsm", name = "token-label")
@EnableConfigurationProperties(HsmProperties.class)
public class HsmAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(KeyStoreToken.class)
    KeyStoreToken keyStoreToken(HsmProperties properties) {
        HsmConfig config = properties.toHsmConfig();
        try {
            return Pkcs11Token.open(config);
        } finally {
            Arrays.fill(config.pin(), '\0'); // the token keeps its own copy for re-login
        }
    }

    @Bean(name = "hsmHealthIndicator")
    @ConditionalOnBean(KeyStoreToken.class)
    @ConditionalOnMissingBean(name = "hsmHealthIndicator")
    HsmHealthIndicator hsmHealthIndicator(KeyStoreToken token) {
        return new HsmHealthIndicator(token);
    }
}
