package io.signet.gateway.callback;

import io.signet.gateway.dev.DevProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CallbackConfiguration {

    @Bean
    @ConditionalOnMissingBean
    HostResolver hostResolver() {
        return HostResolver.SYSTEM;
    }

    @Bean
    CallbackUrlPolicy callbackUrlPolicy(HostResolver resolver, CallbackProperties properties, DevProperties dev) {
        return new CallbackUrlPolicy(resolver, properties.allowList(), dev.enabled());
    }
}
