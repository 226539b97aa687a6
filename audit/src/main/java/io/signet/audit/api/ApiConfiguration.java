package io.signet.audit.api;

import io.signet.hsm.secrets.SecretFiles;
import io.signet.platform.identity.IdentityProviderProperties;
import io.signet.platform.identity.SignerTokenVerifier;
import io.signet.schemas.audit.AuditExport;
import io.signet.schemas.audit.SignerPseudonyms;
import java.time.Clock;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The audit API: its JSON and its access check on every {@code /v1/audit/**} path. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProviderProperties.class)
public class ApiConfiguration {

    @Bean
    AuditExport auditExport() {
        return new AuditExport();
    }

    @Bean
    AuditAccess auditAccess(ApiProperties properties, IdentityProviderProperties idp, SignerPseudonyms pseudonyms) {
        Optional<SignerTokenVerifier> signerTokens =
                idp.configured() ? Optional.of(SignerTokenVerifier.of(idp, Clock.systemUTC())) : Optional.empty();
        return new AuditAccess(
                SecretFiles.readOrCreate(properties.auditorTokenFile(), 32),
                signerTokens,
                pseudonyms,
                properties.auditorRole());
    }

    @Bean
    WebMvcConfigurer auditAccessCheck(AuditAccess access) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(access).addPathPatterns("/v1/audit/**");
            }
        };
    }
}
