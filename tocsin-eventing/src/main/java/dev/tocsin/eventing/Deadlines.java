package dev.tocsin.eventing;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Arms and cancels deadlines inside the caller's transaction. Arming a deadline that is firing
 * clears its lease, and cancelling one deletes it: the worker firing it then records nothing.
 */
@ApplicationScoped
public class Deadlines {

    /** One row per element of the arrays: one deadline or a whole batch's, the same statement. */
    private static final String ARM = """
            insert into deadlines (kind, ref, due_at, payload)
            select * from unnest(cast($1 as text[]), cast($2 as text[]), cast($3 as timestamptz[]), cast($4 as text[]))
            on conflict (kind, ref) do update set due_at = excluded.due_at, payload = excluded.payload, attempts = 0,
                lease_token = null, leased_until = null""";
    /** Arms a deadline unless it is armed already, whatever its due time, and never touches one that is firing. */
    private static final String ARM_IF_ABSENT = """
            insert into deadlines (kind, ref, due_at, payload) values ($1, $2, $3, $4)
            on conflict (kind, ref) do nothing""";
    /** Deletes every (kind, ref) pair of the arrays: one deadline or a whole batch's, the same statement. */
    private static final String CANCEL = """
            delete from deadlines d using unnest(cast($1 as text[]), cast($2 as text[])) as c(kind, ref)
            where d.kind = c.kind and d.ref = c.ref""";

    private final DeadlineEngine engine;
    private final Clock clock;

    Deadlines(DeadlineEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    /**
     * Arms (or re-arms) the deadline {@code kind/ref}; must run inside {@link AfterCommit#transaction},
     * whose commit wakes the engine when the deadline is already due.
     */
    public Uni<Void> arm(String kind, String ref, Instant dueAt, String payload) {
        return arm(List.of(new Arm(kind, ref, dueAt, payload)));
    }

    /**
     * Arms (or re-arms) many deadlines in one statement; must run inside {@link AfterCommit#transaction},
     * whose commit wakes the engine when one of them is already due.
     */
    public Uni<Void> arm(List<Arm> arms) {
        return arm(Sql.connection(), arms).invoke(due -> {
            if (due) {
                AfterCommit.register(engine::wake);
            }
        }).replaceWithVoid();
    }

    /**
     * Arms {@code kind/ref} unless it is armed already: for a deadline that many transactions ask for
     * (one per member of a batch that one firing handles), where re-arming would move it or take it
     * from the worker firing it. Must run inside {@link AfterCommit#transaction}, whose commit wakes
     * the engine when it is already due.
     */
    public Uni<Void> armIfAbsent(String kind, String ref, Instant dueAt, String payload) {
        return Sql.connection().preparedQuery(ARM_IF_ABSENT).execute(Tuple.of(kind, ref, Sql.at(dueAt), payload))
                .invoke(done -> {
                    if (isDue(dueAt)) {
                        AfterCommit.register(engine::wake);
                    }
                })
                .replaceWithVoid();
    }

    /** A deadline to arm: {@code kind/ref} falls due at {@code dueAt} with its payload. */
    public record Arm(String kind, String ref, Instant dueAt, String payload) {
    }

    /**
     * Arms (or re-arms) deadlines in one statement inside the transaction of {@code connection}. When
     * one {@code kind/ref} is armed more than once, the last arming counts, as if armed one by one.
     *
     * @return whether one of them is already due: the caller then {@linkplain DeadlineEngine#wake wakes}
     *     the engine once its transaction committed
     */
    public Uni<Boolean> arm(SqlClient connection, List<Arm> arms) {
        Map<String, Arm> last = new LinkedHashMap<>();
        arms.forEach(arm -> last.put(arm.kind() + "/" + arm.ref(), arm));
        if (last.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        List<Arm> rows = List.copyOf(last.values());
        return connection.preparedQuery(ARM)
                .execute(Tuple.from(List.of(Sql.texts(rows, Arm::kind), Sql.texts(rows, Arm::ref),
                        Sql.times(rows, Arm::dueAt), Sql.texts(rows, Arm::payload))))
                .map(done -> rows.stream().anyMatch(arm -> isDue(arm.dueAt())));
    }

    private boolean isDue(Instant dueAt) {
        return !dueAt.isAfter(clock.instant());
    }

    /** Cancels the deadline {@code kind/ref} inside the enclosing {@link AfterCommit#transaction}. */
    public Uni<Void> cancel(String kind, String ref) {
        return cancel(Sql.connection(), kind, List.of(ref));
    }

    /** Cancels the deadlines {@code kind/ref} of every ref in one statement, inside the transaction of {@code connection}. */
    public Uni<Void> cancel(SqlClient connection, String kind, List<String> refs) {
        if (refs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery(CANCEL)
                .execute(Tuple.from(List.of(refs.stream().map(ref -> kind).toArray(String[]::new),
                        refs.toArray(String[]::new))))
                .replaceWithVoid();
    }
}
