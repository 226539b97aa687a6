package io.signet.client.audit;

import picocli.CommandLine.Command;

/** {@code signet audit}: the audit log's offline checks and the topic replay. */
@Command(
        name = "audit",
        description = "Checks Signet's tamper-evident audit log.",
        subcommands = {VerifyCommand.class, ReplayCommand.class})
public final class AuditCommand {}
