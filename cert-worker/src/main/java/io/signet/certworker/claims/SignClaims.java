package io.signet.certworker.claims;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The single authority on which {@code signet.sign.requested} record may be signed for a signatureId: the first record
 * to claim it. Claims are written with {@code insert … on conflict do nothing}, so concurrent sign-workers agree on
 * one winner; ends come from the result topics. Thread-safe (state lives in PostgreSQL).
 */
public final class SignClaims {

    /** Most claims one call may carry (a sign-worker batch is at most max.poll.records). */
    public static final int MAX_BATCH = 5_000;

    private final Jdbi jdbi;
    private final Clock clock;

    public SignClaims(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * Claims every record and answers in the same order. Within one call the first record of a signatureId wins, as
     * it would in two calls.
     */
    public List<ClaimAnswer> claim(List<SignClaim> claims) {
        if (claims.isEmpty()) {
            return List.of();
        }
        if (claims.size() > MAX_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_BATCH + " claims per call");
        }
        Map<String, SignClaim> first = new LinkedHashMap<>();
        claims.forEach(claim -> first.putIfAbsent(claim.signatureId(), claim));
        Map<String, ClaimRow> rows = jdbi.withExtension(SignClaimDao.class, dao -> {
            dao.claimAll(new ArrayList<>(first.values()), clock.instant());
            return byId(dao.find(first.keySet()));
        });
        return claims.stream()
                .map(claim -> ClaimAnswer.of(
                        claim, rows.get(claim.signatureId()).verdictFor(claim.partition(), claim.offset())))
                .toList();
    }

    /** The claims of these signatureIds, read in one query. */
    public ClaimStates states(Collection<String> signatureIds) {
        if (signatureIds.isEmpty()) {
            return new ClaimStates(Map.of());
        }
        return new ClaimStates(
                jdbi.withExtension(SignClaimDao.class, dao -> byId(dao.find(new LinkedHashSet<>(signatureIds)))));
    }

    /**
     * Records that these requests ended (idempotent; a request never claimed gets an ended row). Waits for any
     * transaction that holds one of their claims through {@link #lockEnded}: what that transaction stored is visible
     * once this returns.
     */
    public void end(Collection<String> signatureIds) {
        if (signatureIds.isEmpty()) {
            return;
        }
        // In the order lockEnded locks them: both sides take the row locks one after the other, never in a cycle.
        List<String> sorted = List.copyOf(new TreeSet<>(signatureIds));
        jdbi.useExtension(SignClaimDao.class, dao -> dao.endAll(sorted, clock.instant()));
    }

    /**
     * Within {@code handle}'s transaction, share-locks the claims of these requests until it ends and returns those
     * that have ended. Whatever the transaction then stores for the others happens before any ending of theirs is
     * recorded ({@link #end} waits), so whoever acts on an ending afterwards sees it.
     */
    public Set<String> lockEnded(Handle handle, Collection<String> signatureIds) {
        if (signatureIds.isEmpty()) {
            return Set.of();
        }
        return handle.attach(SignClaimDao.class).lockAll(new LinkedHashSet<>(signatureIds)).stream()
                .filter(row -> row.endedAt() != null)
                .map(ClaimRow::signatureId)
                .collect(Collectors.toSet());
    }

    private static Map<String, ClaimRow> byId(List<ClaimRow> rows) {
        return rows.stream().collect(Collectors.toMap(ClaimRow::signatureId, Function.identity()));
    }
}
