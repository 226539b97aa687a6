package io.signet.notifier.polling;

import io.signet.notifier.result.ResultDao;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Listens on PostgreSQL's {@code signet_result} channel and wakes local waiters of the announced signatureId. Every
 * notifier instance listens, so a result stored by any instance wakes waiters on all of them. Runs on one thread with
 * its own connection; on connection loss it reconnects and wakes every waiter, since notifications may have been
 * missed meanwhile.
 */
public final class ResultNotifications implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ResultNotifications.class);
    private static final int POLL_MILLIS = 500;

    private final DataSource dataSource;
    private final ResultWaiters waiters;
    private volatile boolean running;
    private volatile boolean listening;
    private Thread thread;

    public ResultNotifications(DataSource dataSource, ResultWaiters waiters) {
        this.dataSource = dataSource;
        this.waiters = waiters;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().name("result-notifications").daemon().start(this::listenLoop);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(2 * POLL_MILLIS + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whether the LISTEN is established (for tests and health). */
    public boolean listening() {
        return listening;
    }

    private void listenLoop() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + ResultDao.CHANNEL);
                }
                listening = true;
                waiters.wakeAll();
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            // One notification names every row a transaction changed, comma-separated.
                            for (String signatureId :
                                    notification.getParameter().split(",")) {
                                waiters.wake(signatureId);
                            }
                        }
                    }
                }
                try (Statement statement = connection.createStatement()) {
                    // The connection goes back to the pool: it must not keep collecting notifications there.
                    statement.execute("unlisten *");
                }
            } catch (SQLException e) {
                listening = false;
                if (running) {
                    log.warn("listening for stored results failed, reconnecting: {}", e.toString());
                    pause();
                }
            } finally {
                listening = false;
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
