package io.signet.launcher;

import io.signet.embedded.EmbeddedStackException;
import io.signet.hsm.HsmException;
import io.signet.hsm.secrets.SecretFileException;
import java.sql.SQLException;
import org.springframework.boot.web.server.PortInUseException;

/** Turns a failed service start into the one line the launcher prints. */
final class FailureMessages {

    private FailureMessages() {}

    /**
     * The most telling message in the cause chain: our own one-line exceptions first, then a taken port, then a
     * database connection failure, else the innermost cause.
     */
    static String oneLine(Throwable failure) {
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HsmException
                    || t instanceof EmbeddedStackException
                    || t instanceof SecretFileException
                    || t instanceof LaunchException) {
                return firstLine(t.getMessage());
            }
            if (t instanceof PortInUseException portInUse) {
                return "port " + portInUse.getPort() + " on " + ServiceStarter.ADDRESS + " is already in use";
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
                return "database cannot be reached: " + firstLine(sql.getMessage());
            }
            root = t;
            if (t.getCause() == t) {
                break;
            }
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + firstLine(message));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        return message.strip().lines().findFirst().orElse("no detail");
    }
}
