package io.signet.client.audit;

import io.signet.schemas.audit.AuditEntry;
import io.signet.schemas.audit.AuditExport;
import io.signet.schemas.audit.SignerPseudonyms;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code signet audit replay --bootstrap HOST:PORT --from TIME [--to TIME] --pseudonym-key-file FILE (--export
 * LOG.jsonl | --url URL --token-file FILE)}. Without {@code --to}, the window ends 5 seconds before the start, so
 * that events the audit service is still appending are not reported as missing. Exit code 0: no difference; 1:
 * differences; 2: usage.
 */
@Command(
        name = "replay",
        description = {
            "Re-reads the signet.* topics for a time window and compares them with the audit log.",
            "Exit 0: no difference; 1: differences; 2: usage."
        })
public final class ReplayCommand implements Callable<Integer> {

    private static final Duration SETTLE = Duration.ofSeconds(5);

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap", required = true, description = "Kafka bootstrap servers, HOST:PORT")
    String bootstrap;

    @Option(names = "--from", required = true, description = "window start, ISO instant")
    Instant from;

    @Option(names = "--to", description = "window end, ISO instant (default: 5 s before now)")
    Instant to;

    @Option(names = "--pseudonym-key-file", required = true, description = "the signer pseudonym key (base64)")
    Path pseudonymKeyFile;

    @ArgGroup(multiplicity = "1")
    LogSource source;

    /** The audit log to compare with: an export file or the audit API. */
    static final class LogSource {
        @Option(names = "--export", required = true, description = "log export (JSON lines)")
        Path export;

        @ArgGroup(exclusive = false)
        Api api;
    }

    /** The audit API and the auditors' token. */
    static final class Api {
        @Option(names = "--url", required = true, description = "the audit API")
        URI url;

        @Option(names = "--token-file", required = true, description = "the auditors' token file")
        Path tokenFile;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Instant end = to != null ? to : Instant.now().minus(SETTLE);
        AuditReplay replay = new AuditReplay(bootstrap, pseudonyms(pseudonymKeyFile));
        AuditReplay.Rebuilt rebuilt = replay.readTopics(from, end);
        List<AuditEntry> log = export(); // after the topics: the log has caught up with them
        AuditReplay.Report report = AuditReplay.compare(rebuilt.records(), log, from, end);
        for (AuditReplay.Difference d : report.differences()) {
            out.println(d.kind() + " position=" + (d.position() == null ? "?" : d.position()) + " event="
                    + (d.eventId() == null ? "?" : d.eventId()) + ": " + d.detail());
        }
        out.println("replayed " + report.eventsRead() + " events (" + rebuilt.unreadable()
                + " unreadable, skipped) against " + report.entriesCompared() + " entries: "
                + (report.ok()
                        ? "no difference"
                        : report.differences().size() + " differences, first broken position "
                                + report.firstBrokenPosition()));
        out.flush();
        return report.ok() ? 0 : 1;
    }

    static SignerPseudonyms pseudonyms(Path file) {
        String text = AuditKeys.read(file).strip();
        byte[] key = text.contains("+") || text.contains("/")
                ? Base64.getDecoder().decode(text)
                : Base64.getUrlDecoder().decode(text);
        try {
            return new SignerPseudonyms(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private List<AuditEntry> export() {
        if (source.api != null) {
            String token = AuditKeys.read(source.api.tokenFile).strip();
            return new AuditApiClient(source.api.url, token).exportLog(10_000);
        }
        try (var reader = Files.newBufferedReader(source.export)) {
            return new AuditExport().read(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source.export, e);
        }
    }
}
