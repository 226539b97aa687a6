package io.signet.certworker.tsa;

import java.time.Instant;

/**
 * An independent source of the current time that the TSA compares its own clock with (the database server's clock
 * by default; an NTP or roughtime client in a real deployment). Called from a background sampler, never per request.
 */
@FunctionalInterface
public interface TimeReference {

    /** The reference's current time; throws when it cannot be reached. */
    Instant now() throws Exception;
}
