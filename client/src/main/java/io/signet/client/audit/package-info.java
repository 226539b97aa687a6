/**
 * Offline audit tools for auditors and ops: {@link io.signet.client.audit.AuditVerifier} checks signed tree heads,
 * transaction proofs, consistency proofs and full log exports against a pinned audit key; {@link
 * io.signet.client.audit.AuditReplay} rebuilds the log from the Kafka topics and compares it with an export. Both
 * rely on the shared contract in {@code io.signet.schemas.audit} and have a {@code main} (the client has no picocli
 * root command yet).
 */
package io.signet.client.audit;
