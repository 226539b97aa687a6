package io.signet.gateway.dev;

import io.signet.gateway.auth.ApiKeys;
import io.signet.gateway.auth.RpClientDao;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Dev profile: prepares the dev ID provider and RP, and registers the RP's key hash. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "signet.gateway.dev.enabled", havingValue = "true")
class DevConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DevConfiguration.class);

    @Bean
    DevCredentials devCredentials(DevProperties properties) {
        DevCredentials credentials = DevCredentials.prepare(properties.dir());
        log.warn(
                "Dev profile ON: trusting the development ID provider {} (keys under {}); never use in production",
                credentials.issuer(),
                properties.dir().toAbsolutePath());
        return credentials;
    }

    @Bean
    SmartInitializingSingleton devRpSeeder(DevCredentials credentials, Jdbi jdbi) {
        return () -> jdbi.useExtension(
                RpClientDao.class,
                dao -> dao.upsert(
                        DevCredentials.RP_ID,
                        ApiKeys.hash(credentials.rpApiKey()),
                        null,
                        null,
                        List.of(),
                        "dev-webhook-secret"));
    }
}
