package io.signet.client.cli;

import io.signet.client.audit.AuditCommand;
import io.signet.client.bench.BenchCommand;
import io.signet.client.ops.RedriveCommand;
import io.signet.client.sign.SignetClientException;
import io.signet.client.validation.NotCmsException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * {@code signet}: sign a document with Signet, read a request's state, verify a signature, check the audit log. Errors
 * are one line on stderr ({@code signet: …}) and an exit code from {@link ExitCodes}; progress goes to stderr, results
 * to stdout.
 */
@Command(
        name = "signet",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        version = "signet 0.1.0",
        description = "Signs documents with Signet and verifies the signatures.",
        subcommands = {
            SignCommand.class,
            StatusCommand.class,
            VerifySignatureCommand.class,
            AuditCommand.class,
            BenchCommand.class,
            RedriveCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done; the signature is valid (TOTAL_PASSED); the audit checks hold",
            "1:the signature is not valid; an audit check failed",
            "2:wrong command line (unknown option or value, missing setting)",
            "3:unusable input (missing file, not a CMS, no signature found)",
            "4:gateway unreachable or request refused",
            "5:signing failed or timed out",
            "6:signet bench: a target (--min-throughput, --max-p99) was missed",
            "70:unexpected failure"
        })
public final class SignetCommand {

    final Map<String, String> env;
    final Path workingDir;

    SignetCommand(Map<String, String> env, Path workingDir) {
        this.env = env;
        this.workingDir = workingDir;
    }

    public static void main(String[] args) {
        // The command line logs nothing: without an SLF4J provider in the jar, SLF4J would say so on every run.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv()));
    }

    /** Runs {@code signet args} with the given streams and environment; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        return commandLine(out, err, env, Path.of("").toAbsolutePath()).execute(args);
    }

    /** As {@link #run(String[], PrintWriter, PrintWriter, Map)}, with settings read relative to {@code workingDir}. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env, Path workingDir) {
        return commandLine(out, err, env, workingDir).execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> env, Path workingDir) {
        CommandLine line = new CommandLine(new SignetCommand(env, workingDir));
        line.setOut(out);
        line.setErr(err);
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.setParameterExceptionHandler((e, args) -> {
            CommandLine command = e.getCommandLine();
            command.getErr()
                    .println("signet: " + e.getMessage() + " (see '"
                            + command.getCommandSpec().qualifiedName() + " --help')");
            command.getErr().flush();
            return ExitCodes.USAGE;
        });
        line.setExecutionExceptionHandler((e, command, parsed) -> {
            command.getErr().println("signet: " + message(e));
            command.getErr().flush();
            return exitCode(e);
        });
        return line;
    }

    static int exitCode(Exception e) {
        return switch (e) {
            case CliException cli -> cli.exitCode();
            case SignetClientException client ->
                switch (client.kind()) {
                    case UNREACHABLE, REJECTED -> ExitCodes.GATEWAY;
                    case FAILED, TIMEOUT -> ExitCodes.SIGNING_FAILED;
                };
            case NotCmsException notCms -> ExitCodes.INPUT;
            case IOException io -> ExitCodes.INPUT;
            case UncheckedIOException io -> ExitCodes.INPUT;
            case IllegalArgumentException bad -> ExitCodes.INPUT;
            default -> ExitCodes.SOFTWARE;
        };
    }

    static String message(Exception e) {
        if (e instanceof NoSuchFileException missing) {
            return "no such file: " + missing.getFile();
        }
        if (e instanceof UncheckedIOException unchecked && unchecked.getCause() instanceof NoSuchFileException m) {
            return "no such file: " + m.getFile();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
