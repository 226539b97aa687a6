package io.signet.client.cli;

import io.signet.client.sign.SignResult;
import io.signet.client.sign.SignetClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code signet status ID}: the request's state (PENDING, OK or ERROR with Signet's message). */
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

    @Override
    public Integer call() {
        ClientSettings settings = ClientSettings.load(root.env, root.workingDir);
        SignResult result = new SignetClient(settings.connection(connection)).status(signatureId);
        spec.commandLine()
                .getOut()
                .println(signatureId + ": " + result.status()
                        + (result.message().isEmpty() ? "" : " (" + result.message() + ")"));
        spec.commandLine().getOut().flush();
        return result.status() == SignResult.Status.ERROR ? ExitCodes.SIGNING_FAILED : ExitCodes.OK;
    }
}
