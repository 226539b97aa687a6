package io.signet.audit.api;

import java.util.Optional;

/**
 * Who is reading the audit log: an auditor (everything) or a signer (only entries carrying their pseudonymous signer
 * id).
 *
 * @param signerId the signer's pseudonymous id; empty for an auditor
 */
public record AuditCaller(Optional<String> signerId) {

    static final AuditCaller AUDITOR = new AuditCaller(Optional.empty());

    static AuditCaller signer(String signerId) {
        return new AuditCaller(Optional.of(signerId));
    }

    boolean isAuditor() {
        return signerId.isEmpty();
    }
}
