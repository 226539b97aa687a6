package io.signet.signworker.claims;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClaimsOutageLogFilterTest {

    private final LoggerContext context = new LoggerContext();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger container = context.getLogger(ClaimsOutageLogFilter.CONTAINER_LOGGER);

    @BeforeEach
    void setUp() {
        logged.setContext(context);
        logged.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(logged);
        ClaimsOutageLogFilter filter = new ClaimsOutageLogFilter();
        filter.setContext(context);
        filter.start();
        context.addTurboFilter(filter);
    }

    @Test
    void aRollbackBecauseClaimsAreUnavailableIsDropped() {
        container.error(
                "Transaction rolled back",
                new IllegalStateException(
                        "record in retry", new RuntimeException(new ClaimsUnavailableException("HTTP 503"))));

        assertThat(logged.list).isEmpty();
    }

    @Test
    void aRollbackForAnyOtherCauseIsStillLogged() {
        container.error("Transaction rolled back", new IllegalStateException("boom"));

        assertThat(logged.list)
                .singleElement()
                .extracting(ILoggingEvent::getMessage)
                .isEqualTo("Transaction rolled back");
    }

    @Test
    void theSameCauseLoggedElsewhereIsStillLogged() {
        context.getLogger("io.signet.other").error("failed", new ClaimsUnavailableException("HTTP 503"));
        container.warn("not an error", new ClaimsUnavailableException("HTTP 503"));

        assertThat(logged.list).hasSize(2);
    }
}
