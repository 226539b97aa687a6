package io.signet.audit.api;

import io.signet.audit.SecretFiles;
import io.signet.schemas.audit.AuditExport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The auditors' API: its JSON and its access check on every {@code /v1/audit/**} path. */
@Configuration(proxyBeanMethods = false)
public class ApiConfiguration {

    @Bean
    AuditExport auditExport() {
        return new AuditExport();
    }

    @Bean
    AuditorAuthentication auditorAuthentication(ApiProperties properties) {
        return new AuditorAuthentication(SecretFiles.readOrCreate(properties.auditorTokenFile(), 32));
    }

    @Bean
    WebMvcConfigurer auditorAccess(AuditorAuthentication authentication) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(authentication).addPathPatterns("/v1/audit/**");
            }
        };
    }
}
