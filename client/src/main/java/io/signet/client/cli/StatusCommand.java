package io.signet.client.cli;

import io.signet.client.sign.CallbackDelivery;
import io.signet.client.sign.SignResult;
import io.signet.client.sign.SignetClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code signet status ID}: the request's state (PENDING, OK or ERROR with Signet's message); with {@code --callbacks}
 * also its callbacks and every attempt to deliver them.
 */
@Command(name = "status", description = "Shows the state of a sign request.")
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    SignetCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "ID", description = "the signatureId")
    String signatureId;

    @Option(
            names = "--callbacks",
            description = "also list the request's callbacks and every attempt (time, HTTP status, latency, outcome)")
    boolean callbacks;

    @Override
    public Integer call() {
        ClientSettings settings = ClientSettings.load(root.env, root.workingDir);
        SignetClient client = new SignetClient(settings.connection(connection));
        SignResult result = client.status(signatureId);
        PrintWriter out = spec.commandLine().getOut();
        out.println(signatureId + ": " + result.status()
                + (result.message().isEmpty() ? "" : " (" + result.message() + ")"));
        if (callbacks) {
            for (CallbackDelivery callback : client.callbacks(signatureId)) {
                out.println("callback " + callback.kind() + " " + callback.webhookId() + ": " + callback.status()
                        + (callback.nextAttemptAt() == null ? "" : ", next attempt " + callback.nextAttemptAt()));
                for (CallbackDelivery.Attempt attempt : callback.attempts()) {
                    out.println("  attempt " + attempt.attempt() + " at " + attempt.attemptedAt() + ": "
                            + attempt.outcome()
                            + (attempt.httpStatus() == null ? "" : ", HTTP " + attempt.httpStatus())
                            + ", " + attempt.latencyMs() + " ms"
                            + (attempt.error() == null || attempt.error().equals("HTTP " + attempt.httpStatus())
                                    ? ""
                                    : ", " + attempt.error()));
                }
            }
        }
        out.flush();
        return result.status() == SignResult.Status.ERROR ? ExitCodes.SIGNING_FAILED : ExitCodes.OK;
    }
}
