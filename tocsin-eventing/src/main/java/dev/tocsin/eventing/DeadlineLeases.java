package dev.tocsin.eventing;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
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

    /**
     * The due rows are picked once, in a materialized CTE: as a subquery in {@code FROM}, PostgreSQL
     * may rescan it for every row of a nested-loop join, and under {@code SKIP LOCKED} each rescan
     * locks other rows, so one claim could lease more than its limit: under load the engine then
     * ran more deadlines at once than the module has workers (212 in flight for 32).
     */
    private static final String CLAIM = """
            with due as materialized (
                select kind, ref from deadlines
                where kind = $3 and due_at <= $4 and (leased_until is null or leased_until <= $4)
                order by due_at limit $5 for update skip locked)
            update deadlines d set lease_token = $1, leased_until = $2
            from due
            where d.kind = due.kind and d.ref = due.ref
            returning d.kind, d.ref, d.due_at, d.payload, d.attempts""";
    private static final String NEXT = "select due_at from deadlines where kind = $1 and due_at > $2 order by due_at limit 1";
    private static final String HOLD = """
            select attempts from deadlines where kind = $1 and ref = $2 and lease_token = $3 for update""";
    private static final String DELETE = "delete from deadlines where kind = $1 and ref = $2 and lease_token = $3";
    private static final String MOVE = """
            update deadlines set due_at = $4, attempts = $5, lease_token = null, leased_until = null
            where kind = $1 and ref = $2 and lease_token = $3""";

    private DeadlineLeases() {
    }

    /**
     * Leases up to {@code limit} due deadlines of {@code kind} until {@code until}, in a transaction
     * of its own; when none was due, reads when the next one falls due (so the claimer sleeps no
     * longer than that).
     */
    static Uni<Claim> claim(String kind, int limit, Instant now, Instant until) {
        UUID token = UUID.randomUUID();
        return Sql.transaction(c -> c.preparedQuery(CLAIM)
                .execute(Tuple.of(token, Sql.at(until), kind, Sql.at(now), limit))
                .chain(rows -> {
                    if (rows.size() > 0) {
                        List<Claimed> claimed = new ArrayList<>(rows.size());
                        rows.forEach(row -> claimed.add(new Claimed(toDeadline(row), token)));
                        claimed.sort(Comparator.comparing(one -> one.deadline().dueAt()));
                        return Uni.createFrom().item(new Claim(claimed, Optional.empty()));
                    }
                    return c.preparedQuery(NEXT).execute(Tuple.of(kind, Sql.at(now)))
                            .map(next -> new Claim(List.of(), next.size() == 0 ? Optional.empty()
                                    : Optional.of(Sql.instant(next.iterator().next(), 0))));
                }));
    }

    private static Deadline toDeadline(Row row) {
        return new Deadline(row.getString(0), row.getString(1), Sql.instant(row, 2), row.getString(3), row.getInteger(4));
    }

    /** Locks the row for the recording transaction, or fails with {@link LeaseLost}. */
    static Uni<Void> hold(Claimed claimed) {
        return Sql.connection().preparedQuery(HOLD).execute(key(claimed))
                .invoke(rows -> {
                    if (rows.size() == 0) {
                        throw new LeaseLost(claimed.deadline());
                    }
                })
                .replaceWithVoid();
    }

    /** Removes the deadline, inside the caller's transaction; false when the lease was lost. */
    static Uni<Boolean> delete(Claimed claimed) {
        return Sql.connection().preparedQuery(DELETE).execute(key(claimed)).map(rows -> rows.rowCount() > 0);
    }

    /** Moves the deadline to {@code due} and releases it; false when the lease was lost. */
    static Uni<Boolean> move(Claimed claimed, Instant due, int attempts) {
        return Sql.connection().preparedQuery(MOVE)
                .execute(key(claimed).addOffsetDateTime(Sql.at(due)).addInteger(attempts))
                .map(rows -> rows.rowCount() > 0);
    }

    private static Tuple key(Claimed claimed) {
        return Tuple.of(claimed.deadline().kind(), claimed.deadline().ref(), claimed.token());
    }
}
