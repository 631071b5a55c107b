package dev.tocsin.eventing;

import dev.tocsin.events.EventJson;
import dev.tocsin.events.EventType;
import dev.tocsin.events.EventTypes;
import dev.tocsin.events.IntegrationEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
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
}
