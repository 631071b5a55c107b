package dev.tocsin.eventing;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Arms and cancels deadlines inside the caller's transaction. */
@ApplicationScoped
public class Deadlines {

    private static final String ARM = """
            insert into deadlines (kind, ref, due_at, payload) values (:kind, :ref, :due, :payload)
            on conflict (kind, ref) do update set due_at = excluded.due_at, payload = excluded.payload, attempts = 0""";
    private static final String ARM_JDBC = """
            insert into deadlines (kind, ref, due_at, payload) values (?, ?, ?, ?)
            on conflict (kind, ref) do update set due_at = excluded.due_at, payload = excluded.payload, attempts = 0""";
    private static final String CANCEL = "delete from deadlines where kind = :kind and ref = :ref";

    private final DeadlineEngine engine;

    Deadlines(DeadlineEngine engine) {
        this.engine = engine;
    }

    /** Arms (or re-arms) the deadline {@code kind/ref}; must run inside {@code Panache.withTransaction}. */
    public Uni<Void> arm(String kind, String ref, Instant dueAt, String payload) {
        return Panache.getSession().chain(session -> session.createNativeQuery(ARM)
                        .setParameter("kind", kind)
                        .setParameter("ref", ref)
                        .setParameter("due", dueAt)
                        .setParameter("payload", payload)
                        .executeUpdate())
                .invoke(() -> engine.wakeAt(dueAt))
                .replaceWithVoid();
    }

    /** Arms (or re-arms) the deadline {@code kind/ref} with plain JDBC inside the caller's transaction. */
    public void arm(Connection connection, String kind, String ref, Instant dueAt, String payload) throws SQLException {
        try (PreparedStatement arm = connection.prepareStatement(ARM_JDBC)) {
            arm.setString(1, kind);
            arm.setString(2, ref);
            arm.setTimestamp(3, Timestamp.from(dueAt));
            arm.setString(4, payload);
            arm.executeUpdate();
        }
        engine.wakeAt(dueAt);
    }

    public Uni<Void> cancel(String kind, String ref) {
        return Panache.getSession().chain(session -> session.createNativeQuery(CANCEL)
                .setParameter("kind", kind)
                .setParameter("ref", ref)
                .executeUpdate()).replaceWithVoid();
    }
}
