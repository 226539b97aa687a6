package io.signet.gateway.sign;

import io.signet.platform.persistence.ClasspathSql;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Reads of {@code gateway.sign_request}. The write of an accepted request (request, idempotency key and outbox event in
 * one round trip) is {@link AcceptedRequestWriter}: it runs thousands of times per second, and a SqlObject call costs
 * a noticeable share of a request's CPU in extension and configuration set-up.
 */
@ClasspathSql
public interface SignRequestDao {

    /** The owning RP of a request, for the read endpoint's ownership check. */
    @SqlQuery
    Optional<String> ownerOf(@Bind("signatureId") String signatureId);
}
