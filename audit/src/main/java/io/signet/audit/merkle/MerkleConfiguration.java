package io.signet.audit.merkle;

import org.jdbi.v3.core.Jdbi;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The in-memory Merkle tree, loaded from the log when the service starts. */
@Configuration(proxyBeanMethods = false)
public class MerkleConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    AuditTree auditTree(Jdbi jdbi) {
        AuditTree tree = new AuditTree(jdbi);
        tree.catchUp();
        return tree;
    }
}
