package io.signet.gateway.auth;

import io.signet.gateway.dev.DevCredentials;
import io.signet.platform.identity.IdentityProviderProperties;
import io.signet.platform.identity.SignerTokenVerifier;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the signer token verifier from {@code signet.idp.*}; in the dev profile the dev ID provider's JWKS file,
 * issuer and audience fill whatever is not set.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProviderProperties.class)
class AuthConfiguration {

    @Bean
    SignerTokenVerifier signerTokenVerifier(
            IdentityProviderProperties properties, ObjectProvider<DevCredentials> dev, Clock clock) {
        DevCredentials devCredentials = dev.getIfAvailable();
        IdentityProviderProperties effective = devCredentials == null
                ? properties
                : properties.orElse(devCredentials.jwksFile(), devCredentials.issuer(), devCredentials.audience());
        return SignerTokenVerifier.of(effective, clock);
    }
}
