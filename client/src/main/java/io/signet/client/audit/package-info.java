/**
 * Offline audit tools for auditors and ops: {@link io.signet.client.audit.AuditVerifier} checks signed tree heads,
 * transaction proofs, consistency proofs and full log exports against a pinned audit key; {@link
 * io.signet.client.audit.AuditReplay} rebuilds the log from the Kafka topics and compares it with an export. Both
 * rely on the shared contract in {@code io.signet.schemas.audit}; {@code signet audit verify} and {@code signet audit
 * replay} run them.
 */
package io.signet.client.audit;
