package io.signet.gateway.sign;

import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code gateway.sign_request} together with its outbox row (and idempotency key), written in one go. */
@UseClasspathSqlLocator
public interface SignRequestDao {

    /**
     * Inserts the request, the idempotency key if any and the outbox event, and deletes the outbox row again, as one
     * implicit transaction in one round trip. Must run on a connection in auto-commit mode (not inside a Jdbi
     * transaction), otherwise the commit is a second round trip.
     */
    @SqlUpdate
    void insertAccepted(@BindMethods AcceptedRow row);

    /** The owning RP of a request, for the read endpoint's ownership check. */
    @SqlQuery
    Optional<String> ownerOf(@Bind("signatureId") String signatureId);
}
