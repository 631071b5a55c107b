package dev.tocsin.eventing;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
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

    private static final String ARM = """
            insert into deadlines (kind, ref, due_at, payload) values (:kind, :ref, :due, :payload)
            on conflict (kind, ref) do update set due_at = excluded.due_at, payload = excluded.payload, attempts = 0,
                lease_token = null, leased_until = null""";
    private static final String ARM_JDBC = """
            insert into deadlines (kind, ref, due_at, payload) values (?, ?, ?, ?)
            on conflict (kind, ref) do update set due_at = excluded.due_at, payload = excluded.payload, attempts = 0,
                lease_token = null, leased_until = null""";
    private static final String CANCEL = "delete from deadlines where kind = :kind and ref = :ref";

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
        return Panache.getSession().chain(session -> session.createNativeQuery(ARM)
                        .setParameter("kind", kind)
                        .setParameter("ref", ref)
                        .setParameter("due", dueAt)
                        .setParameter("payload", payload)
                        .executeUpdate())
                .invoke(() -> {
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
     * Arms (or re-arms) deadlines with plain JDBC inside the caller's transaction, in one batch. When
     * one {@code kind/ref} is armed more than once, the last arming counts, as if armed one by one.
     *
     * @return whether one of them is already due: the caller then {@linkplain DeadlineEngine#wake wakes}
     *     the engine once its transaction committed
     */
    public boolean arm(Connection connection, List<Arm> arms) throws SQLException {
        Map<String, Arm> last = new LinkedHashMap<>();
        arms.forEach(arm -> last.put(arm.kind() + "/" + arm.ref(), arm));
        if (last.isEmpty()) {
            return false;
        }
        try (PreparedStatement insert = connection.prepareStatement(ARM_JDBC)) {
            for (Arm arm : last.values()) {
                insert.setString(1, arm.kind());
                insert.setString(2, arm.ref());
                insert.setTimestamp(3, Timestamp.from(arm.dueAt()));
                insert.setString(4, arm.payload());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return last.values().stream().anyMatch(arm -> isDue(arm.dueAt()));
    }

    private boolean isDue(Instant dueAt) {
        return !dueAt.isAfter(clock.instant());
    }

    public Uni<Void> cancel(String kind, String ref) {
        return Panache.getSession().chain(session -> session.createNativeQuery(CANCEL)
                .setParameter("kind", kind)
                .setParameter("ref", ref)
                .executeUpdate()).replaceWithVoid();
    }
}
