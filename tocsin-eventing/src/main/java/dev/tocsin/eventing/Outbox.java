package dev.tocsin.eventing;

import dev.tocsin.events.EventJson;
import dev.tocsin.events.EventType;
import dev.tocsin.events.EventTypes;
import dev.tocsin.events.IntegrationEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Writes integration events into the outbox table inside the caller's transaction, so an event
 * is published if and only if the change that caused it commits. {@link OutboxRelay} sends them.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = """
            insert into outbox (event_id, topic, record_key, ce_type, ce_time, payload)
            values (:id, :topic, :key, :type, :time, :payload)""";

    private static final String INSERT_JDBC = """
            insert into outbox (event_id, topic, record_key, ce_type, ce_time, payload) values (?, ?, ?, ?, ?, ?)""";

    private final Clock clock;

    Outbox(Clock clock) {
        this.clock = clock;
    }

    /** Must run inside {@code Panache.withTransaction}. */
    public Uni<Void> append(IntegrationEvent event) {
        EventType type = EventTypes.of(event);
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                .setParameter("id", UUID.randomUUID())
                .setParameter("topic", type.topic())
                .setParameter("key", event.aggregateId())
                .setParameter("type", type.ceType())
                .setParameter("time", clock.instant())
                .setParameter("payload", EventJson.write(event))
                .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * Writes many events in one JDBC batch inside the caller's transaction; the caller wakes
     * {@link OutboxRelay} after its commit.
     */
    public void append(Connection connection, List<? extends IntegrationEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        try (PreparedStatement insert = connection.prepareStatement(INSERT_JDBC)) {
            for (IntegrationEvent event : events) {
                EventType type = EventTypes.of(event);
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, type.topic());
                insert.setString(3, event.aggregateId());
                insert.setString(4, type.ceType());
                insert.setTimestamp(5, now);
                insert.setString(6, EventJson.write(event));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
