package dev.tocsin.eventing;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The engine's statements on {@code deadlines}: claim a batch of due rows with a lease, then, in
 * the recording transaction, hold the row while the lease is still ours and remove or move it.
 * Every write after the claim is conditional on the lease token, so a worker whose deadline was
 * re-armed, cancelled or taken over after its lease ran out changes nothing.
 */
final class DeadlineLeases {

    /** A claimed deadline and the token that proves the lease is still this worker's. */
    record Claimed(Deadline deadline, UUID token) {
    }

    /** What one claim leased; when it leased nothing, when the next deadline falls due. */
    record Claim(List<Claimed> claimed, Optional<Instant> nextDue) {
    }

    /** The deadline was re-armed, cancelled or re-claimed since this worker claimed it. */
    static final class LeaseLost extends RuntimeException {
        LeaseLost(Deadline deadline) {
            super(deadline.kind() + " " + deadline.ref() + " is no longer leased to this worker", null, false, false);
        }
    }

    private static final String CLAIM = """
            update deadlines d set lease_token = :token, leased_until = :until
            from (select kind, ref from deadlines
                  where kind = :kind and due_at <= :now and (leased_until is null or leased_until <= :expired)
                  order by due_at limit :limit for update skip locked) due
            where d.kind = due.kind and d.ref = due.ref
            returning d.kind, d.ref, d.due_at, d.payload, d.attempts""";
    private static final String NEXT = "select due_at from deadlines where kind = :kind and due_at > :now order by due_at limit 1";
    private static final String HOLD = """
            select attempts from deadlines where kind = :kind and ref = :ref and lease_token = :token for update""";
    private static final String DELETE = "delete from deadlines where kind = :kind and ref = :ref and lease_token = :token";
    private static final String MOVE = """
            update deadlines set due_at = :due, attempts = :attempts, lease_token = null, leased_until = null
            where kind = :kind and ref = :ref and lease_token = :token""";

    private DeadlineLeases() {
    }

    /**
     * Leases up to {@code limit} due deadlines of {@code kind} until {@code until}, in a transaction
     * of its own; when none was due, reads when the next one falls due (so the claimer sleeps no
     * longer than that).
     */
    static Uni<Claim> claim(String kind, int limit, Instant now, Instant until) {
        UUID token = UUID.randomUUID();
        return AfterCommit.transaction(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery(CLAIM, Object[].class)
                        .setParameter("token", token)
                        .setParameter("until", until)
                        .setParameter("kind", kind)
                        .setParameter("now", now)
                        .setParameter("expired", now)
                        .setParameter("limit", limit)
                        .getResultList()
                        .chain(rows -> rows.isEmpty()
                                ? session.createNativeQuery(NEXT, Object.class)
                                        .setParameter("kind", kind)
                                        .setParameter("now", now)
                                        .getResultList()
                                        .map(next -> new Claim(List.of(), next.stream().findFirst().map(Timestamps::instant)))
                                : Uni.createFrom().item(new Claim(rows.stream()
                                        .map(row -> new Claimed(toDeadline(row), token))
                                        .sorted(Comparator.comparing(claimed -> claimed.deadline().dueAt()))
                                        .toList(), Optional.empty())))));
    }

    private static Deadline toDeadline(Object[] row) {
        return new Deadline((String) row[0], (String) row[1], Timestamps.instant(row[2]), (String) row[3],
                ((Number) row[4]).intValue());
    }

    /** Locks the row for the recording transaction, or fails with {@link LeaseLost}. */
    static Uni<Void> hold(Claimed claimed) {
        return Panache.getSession().chain(session -> session.createNativeQuery(HOLD)
                        .setParameter("kind", claimed.deadline().kind())
                        .setParameter("ref", claimed.deadline().ref())
                        .setParameter("token", claimed.token())
                        .getResultList())
                .invoke(rows -> {
                    if (rows.isEmpty()) {
                        throw new LeaseLost(claimed.deadline());
                    }
                })
                .replaceWithVoid();
    }

    /** Removes the deadline, inside the caller's transaction; false when the lease was lost. */
    static Uni<Boolean> delete(Claimed claimed) {
        return write(claimed, DELETE, null, 0);
    }

    /** Moves the deadline to {@code due} and releases it; false when the lease was lost. */
    static Uni<Boolean> move(Claimed claimed, Instant due, int attempts) {
        return write(claimed, MOVE, due, attempts);
    }

    private static Uni<Boolean> write(Claimed claimed, String sql, Instant due, int attempts) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql)
                    .setParameter("kind", claimed.deadline().kind())
                    .setParameter("ref", claimed.deadline().ref())
                    .setParameter("token", claimed.token());
            if (due != null) {
                query.setParameter("due", due).setParameter("attempts", attempts);
            }
            return query.executeUpdate();
        }).map(rows -> rows > 0);
    }
}
