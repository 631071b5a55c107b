package dev.tocsin.eventing;

import dev.tocsin.events.EventJson;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Appends and loads aggregates' domain events. The primary key on (type, id, seq) is the
 * optimistic lock: two writers that loaded the same version cannot both append, and the loser's
 * transaction fails and is retried from a fresh load.
 */
@ApplicationScoped
public class EventStore {

    private static final String LOAD = """
            select event_type, cast(payload as text) from event_store
            where aggregate_type = :type and aggregate_id = :id order by seq""";
    private static final String APPEND = """
            insert into event_store (aggregate_type, aggregate_id, seq, event_id, event_type, payload, recorded_at)
            values (:type, :id, :seq, :eventId, :eventType, cast(cast(:payload as text) as jsonb), :at)""";
    private static final String ALL = """
            select event_type, cast(payload as text) from event_store
            where aggregate_type = :type order by recorded_at, aggregate_id, seq""";

    private final Clock clock;

    EventStore(Clock clock) {
        this.clock = clock;
    }

    /** The aggregate's events in order; its version is the list's size. Runs in the caller's session. */
    public <E> Uni<List<E>> load(StoredEvents<E> types, String aggregateId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(LOAD, Object[].class)
                .setParameter("type", types.aggregateType())
                .setParameter("id", aggregateId)
                .getResultList())
                .map(rows -> rows.stream().map(row -> types.read((String) row[0], (String) row[1])).toList());
    }

    /**
     * Appends events after {@code expectedVersion} events; fails on a concurrent append. Must run
     * inside {@code Panache.withTransaction}, together with the projection and outbox writes.
     */
    public <E> Uni<Void> append(StoredEvents<E> types, String aggregateId, int expectedVersion, List<? extends E> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < events.size(); i++) {
            E event = events.get(i);
            int seq = expectedVersion + i + 1;
            chain = chain.chain(() -> Panache.getSession().chain(session -> session.createNativeQuery(APPEND)
                    .setParameter("type", types.aggregateType())
                    .setParameter("id", aggregateId)
                    .setParameter("seq", seq)
                    .setParameter("eventId", UUID.randomUUID())
                    .setParameter("eventType", types.nameOf(event))
                    // Bound as text and parsed by PostgreSQL: a String bound straight to a jsonb parameter is
                    // stored by the reactive client as a JSON string scalar, not as the event's object.
                    .setParameter("payload", EventJson.write(event))
                    .setParameter("at", clock.instant())
                    .executeUpdate())).replaceWithVoid();
        }
        return chain;
    }

    /** Every event of an aggregate type in the order recorded, for rebuilding projections. */
    public <E> Multi<E> replay(StoredEvents<E> types) {
        return Panache.getSession().chain(session -> session.createNativeQuery(ALL, Object[].class)
                        .setParameter("type", types.aggregateType())
                        .getResultList())
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .map(row -> types.read((String) row[0], (String) row[1]));
    }
}
