package io.signet.client.ops;

import io.signet.client.cli.CliException;
import io.signet.client.cli.ClientSettings;
import io.signet.client.cli.ExitCodes;
import io.signet.client.cli.SignetCommand;
import io.signet.client.ops.DeadLetterClient.OpsApiException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code signet redrive list|run}: dead-lettered callbacks, listed and sent again with a fresh retry schedule. Talks to
 * the notifier's ops endpoints with the ops token (the launcher writes both into {@code client.properties}).
 */
@Command(
        name = "redrive",
        description = "Lists dead-lettered callbacks and sends them again (ops).",
        subcommands = {RedriveCommand.ListCommand.class, RedriveCommand.RunCommand.class})
public final class RedriveCommand {

    @ParentCommand
    SignetCommand root;

    /** Where the notifier is and how to prove being ops. */
    static final class OpsOptions {

        @Option(
                names = "--url",
                description = "the notifier, e.g. http://127.0.0.1:8083 (env SIGNET_NOTIFIER_URL, file: notifier-url)")
        String url;

        @Option(
                names = "--token-file",
                description = "file holding the ops token (env SIGNET_OPS_TOKEN_FILE, file: ops-token-file)")
        String tokenFile;

        DeadLetterClient client(ClientSettings settings) {
            String notifier = settings.required(url, "SIGNET_NOTIFIER_URL", "notifier-url", "--url");
            URI base;
            try {
                base = URI.create(notifier);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, "not a URL: " + notifier);
            }
            String token = settings.value(tokenFile, "SIGNET_OPS_TOKEN_FILE", "ops-token-file")
                    .map(file -> readToken(settings.workingDir().resolve(file)))
                    .orElse(null);
            return new DeadLetterClient(base, token);
        }

        private static String readToken(Path file) {
            try {
                String token = Files.readAllLines(file).stream()
                        .findFirst()
                        .map(String::strip)
                        .orElse("");
                if (token.isEmpty()) {
                    throw new CliException(ExitCodes.INPUT, "the ops token file " + file + " is empty");
                }
                return token;
            } catch (IOException e) {
                throw new CliException(ExitCodes.INPUT, "cannot read the ops token file " + file);
            }
        }
    }

    /** {@code signet redrive list}. */
    @Command(name = "list", description = "Lists dead-lettered and disabled callbacks, newest first.")
    static final class ListCommand implements Callable<Integer> {

        @ParentCommand
        RedriveCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        OpsOptions ops;

        @Option(names = "--limit", defaultValue = "100", description = "at most this many (1-1000); default 100")
        int limit;

        @Override
        public Integer call() {
            DeadLetterClient client = ops.client(ClientSettings.of(parent.root));
            List<DeadLetter> letters = ask(() -> client.list(limit));
            PrintWriter out = spec.commandLine().getOut();
            if (letters.isEmpty()) {
                out.println("no dead letters");
            }
            letters.forEach(letter -> out.println(line(letter)));
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code signet redrive run --id ID | --all}. */
    @Command(name = "run", description = "Sends dead-lettered callbacks again with a fresh retry schedule.")
    static final class RunCommand implements Callable<Integer> {

        @ParentCommand
        RedriveCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        OpsOptions ops;

        @ArgGroup(multiplicity = "1")
        Which which;

        static final class Which {
            @Option(names = "--id", paramLabel = "ID", description = "the delivery id (from signet redrive list)")
            List<String> ids;

            @Option(names = "--all", description = "every dead letter the notifier lists (up to 1000)")
            boolean all;
        }

        @Override
        public Integer call() {
            DeadLetterClient client = ops.client(ClientSettings.of(parent.root));
            List<String> ids = which.all
                    ? ask(() -> client.list(1000)).stream().map(DeadLetter::id).toList()
                    : which.ids;
            PrintWriter out = spec.commandLine().getOut();
            int redriven = 0;
            int skipped = 0;
            for (String id : ids) {
                try {
                    DeadLetter letter = ask(() -> client.redrive(id));
                    out.println("redriven " + line(letter));
                    redriven++;
                } catch (OpsApiException e) {
                    // Gone or no longer dead (re-driven meanwhile): reported, the others are still sent.
                    out.println("skipped  " + id + ": " + e.getMessage());
                    skipped++;
                }
            }
            out.println(redriven + " redriven, " + skipped + " skipped");
            out.flush();
            return skipped == 0 ? ExitCodes.OK : ExitCodes.INPUT;
        }
    }

    /** Runs a call; a refused token or an unreachable notifier ends the command, other refusals go to the caller. */
    static <T> T ask(java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (OpsApiException e) {
            if (e.status() == 0 || e.status() == 401 || e.status() == 403 || e.status() >= 500) {
                throw new CliException(
                        ExitCodes.GATEWAY,
                        e.getMessage() + (e.status() == 401 ? ": give the ops token with --token-file" : ""));
            }
            throw e;
        }
    }

    static String line(DeadLetter letter) {
        return String.join(
                "  ",
                letter.id(),
                letter.status(),
                letter.kind(),
                "rp=" + letter.rpId(),
                "signature=" + letter.signatureId(),
                "host=" + letter.host(),
                "attempts=" + letter.attempts(),
                "ended=" + (letter.endedAt() == null ? "-" : letter.endedAt().toString()),
                "error=" + (letter.lastError() == null ? "-" : letter.lastError()));
    }
}
