package io.signet.client.audit;

import io.signet.schemas.audit.AuditEntry;
import io.signet.schemas.audit.AuditExport;
import io.signet.schemas.audit.SignerPseudonyms;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * {@code AuditReplay --bootstrap HOST:PORT --from TIME [--to TIME] --pseudonym-key-file FILE (--export LOG.jsonl |
 * --url URL --token-file FILE)}. Without {@code --to}, the window ends 5 seconds before the start, so that events
 * the audit service is still appending are not reported as missing. Exit code 0: no difference; 1: differences;
 * 2: usage.
 */
final class ReplayCommand {

    static final String USAGE = """
            usage: AuditReplay --bootstrap HOST:PORT --from ISO_TIME [--to ISO_TIME] --pseudonym-key-file FILE
                               (--export LOG.jsonl | --url URL --token-file FILE)""";
    private static final Duration SETTLE = Duration.ofSeconds(5);

    int run(String[] args, PrintStream out) {
        try {
            CommandArguments arguments = new CommandArguments(args);
            Instant from = Instant.parse(arguments.required("from"));
            Instant to = arguments
                    .option("to")
                    .map(Instant::parse)
                    .orElse(Instant.now().minus(SETTLE));
            AuditReplay replay = new AuditReplay(arguments.required("bootstrap"), pseudonyms(arguments));
            AuditReplay.Rebuilt rebuilt = replay.readTopics(from, to);
            List<AuditEntry> export = export(arguments); // after the topics: the log has caught up with them
            AuditReplay.Report report = AuditReplay.compare(rebuilt.records(), export, from, to);
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
            return report.ok() ? 0 : 1;
        } catch (CommandArguments.UsageException | java.time.format.DateTimeParseException e) {
            out.println(e.getMessage());
            out.println(USAGE);
            return 2;
        }
    }

    static SignerPseudonyms pseudonyms(CommandArguments arguments) {
        Path file = Path.of(arguments.required("pseudonym-key-file"));
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

    private static List<AuditEntry> export(CommandArguments arguments) {
        if (arguments.option("url").isPresent()) {
            String token =
                    AuditKeys.read(Path.of(arguments.required("token-file"))).strip();
            return new AuditApiClient(URI.create(arguments.required("url")), token).exportLog(10_000);
        }
        Path file = Path.of(arguments.required("export"));
        try (var reader = Files.newBufferedReader(file)) {
            return new AuditExport().read(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
