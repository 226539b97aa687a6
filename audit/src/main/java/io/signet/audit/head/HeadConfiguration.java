package io.signet.audit.head;

import io.signet.audit.merkle.AuditTree;
import io.signet.hsm.KeyStoreToken;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Signed tree heads: the audit key, the TSA client and the head maker. */
@Configuration(proxyBeanMethods = false)
public class HeadConfiguration {

    @Bean
    AuditSigningKey auditSigningKey(KeyStoreToken token, HeadProperties properties) {
        return new AuditSigningKey(token, properties);
    }

    @Bean
    HeadTimeStamper headTimeStamper(TsaProperties properties) {
        return new HeadTimeStamper(properties);
    }

    @Bean
    TreeHeadMaker treeHeadMaker(
            AuditTree tree,
            AuditSigningKey key,
            HeadTimeStamper timeStamper,
            Jdbi jdbi,
            HeadProperties properties,
            Clock clock) {
        return new TreeHeadMaker(tree, key, timeStamper, jdbi, properties, clock);
    }

    @Bean
    AuditLogHealthIndicator auditLogHealthIndicator(TreeHeadMaker heads) {
        return new AuditLogHealthIndicator(heads);
    }
}
