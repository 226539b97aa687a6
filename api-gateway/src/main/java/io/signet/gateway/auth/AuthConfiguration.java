package io.signet.gateway.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import io.signet.gateway.dev.DevCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the signer token verifier: JWKS from {@code signet.gateway.auth.jwks-url} (production) or
 * {@code jwks-file}; in the dev profile the dev ID provider's file, issuer and audience fill whatever is not set.
 */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

    @Bean
    SignerTokenVerifier signerTokenVerifier(
            AuthProperties properties, ObjectProvider<DevCredentials> dev, Clock clock) {
        DevCredentials devCredentials = dev.getIfAvailable();
        String issuer = properties.issuer() != null
                ? properties.issuer()
                : devCredentials == null ? null : devCredentials.issuer();
        String audience = properties.audience() != null
                ? properties.audience()
                : devCredentials == null ? null : devCredentials.audience();
        if (issuer == null || audience == null) {
            throw new IllegalStateException(
                    "Set signet.gateway.auth.issuer and signet.gateway.auth.audience (or enable the dev profile)");
        }
        return new SignerTokenVerifier(
                keys(properties, devCredentials),
                issuer,
                audience,
                properties.clockSkew(),
                properties.algorithms(),
                clock);
    }

    private static JWKSource<SecurityContext> keys(AuthProperties properties, DevCredentials dev) {
        if (properties.jwksUrl() != null) {
            try {
                // Cached, refreshed when a token names an unknown key id, retried once on network errors.
                return JWKSourceBuilder.<SecurityContext>create(
                                properties.jwksUrl().toURL())
                        .retrying(true)
                        .build();
            } catch (MalformedURLException e) {
                throw new IllegalStateException("signet.gateway.auth.jwks-url is not a URL", e);
            }
        }
        Path file = properties.jwksFile() != null ? properties.jwksFile() : dev == null ? null : dev.jwksFile();
        if (file == null) {
            throw new IllegalStateException(
                    "Set signet.gateway.auth.jwks-url or signet.gateway.auth.jwks-file (or enable the dev profile)");
        }
        try {
            return new ImmutableJWKSet<>(JWKSet.load(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the JWKS file " + file, e);
        } catch (ParseException e) {
            throw new IllegalStateException("The JWKS file " + file + " is not a JWK set", e);
        }
    }
}
