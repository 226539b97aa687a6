package io.signet.hsm;

/**
 * A snapshot of a token's session pool.
 *
 * @param maxSessions configured pool size
 * @param openSessions sessions currently open
 * @param idleSessions open sessions waiting in the pool
 * @param borrowedSessions sessions in use right now
 * @param liveEphemeralKeys ephemeral key pairs generated and not yet destroyed
 * @param borrowTimeouts borrows that gave up after the borrow timeout, since start
 * @param sessionsDiscarded sessions dropped as broken, since start
 */
public record PoolStats(
        int maxSessions,
        int openSessions,
        int idleSessions,
        int borrowedSessions,
        int liveEphemeralKeys,
        long borrowTimeouts,
        long sessionsDiscarded) {}
