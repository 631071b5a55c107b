package dev.tocsin.notifier.delivery;

import dev.tocsin.eventing.StoredEvents;
import dev.tocsin.eventing.rebuild.StoredProjection;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Keeps the {@code deliveries} table equal to the Delivery events: written in the same transaction
 * as the events, and rebuilt from them alone by folding each delivery's events to the same
 * {@link DeliveryRow#of row}.
 */
@ApplicationScoped
public class DeliveryProjection implements StoredProjection<DeliveryDomainEvent, Delivery> {

    private static final String INSERT = """
            insert into deliveries (id, request_id, page_id, alert_id, user_id, channel, address, status, attempts,
            last_error, next_attempt_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** Writes a delivery's current state; must run inside the transaction that appended its events. */
    Uni<Void> project(Delivery delivery) {
        return Panache.getSession().chain(session -> session.merge(DeliveryRow.of(delivery))).replaceWithVoid();
    }

    @Override
    public String name() {
        return "deliveries";
    }

    @Override
    public List<String> tables() {
        return List.of("deliveries");
    }

    @Override
    public StoredEvents<DeliveryDomainEvent> events() {
        return Deliveries.EVENTS;
    }

    @Override
    public Delivery initial(String deliveryId) {
        return Delivery.empty(deliveryId);
    }

    @Override
    public Delivery apply(Delivery state, DeliveryDomainEvent event) {
        return state.apply(event);
    }

    @Override
    public void insert(Connection connection, List<Delivery> deliveries) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Delivery delivery : deliveries) {
                DeliveryRow row = DeliveryRow.of(delivery);
                insert.setString(1, row.id);
                insert.setString(2, row.requestId);
                insert.setString(3, row.pageId);
                insert.setString(4, row.alertId);
                insert.setString(5, row.userId);
                insert.setString(6, row.channel == null ? null : row.channel.name());
                insert.setString(7, row.address);
                insert.setString(8, row.status.name());
                insert.setInt(9, row.attempts);
                insert.setString(10, row.lastError);
                insert.setObject(11, utc(row.nextAttemptAt));
                insert.setObject(12, utc(row.updatedAt));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static Object utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
