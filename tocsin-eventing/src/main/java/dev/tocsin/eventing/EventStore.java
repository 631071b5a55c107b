package dev.tocsin.eventing;

import dev.tocsin.events.EventJson;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
    private static final String APPEND_JDBC = """
            insert into event_store (aggregate_type, aggregate_id, seq, event_id, event_type, payload, recorded_at)
            values (?, ?, ?, ?, ?, cast(? as jsonb), ?)""";
    private static final String REPLAY = """
            select aggregate_id, event_type, cast(payload as text) from event_store
            where aggregate_type = ? order by aggregate_id, seq""";
    private static final int REPLAY_FETCH = 1000;

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

    /** Events of one aggregate to append after {@code expectedVersion} events, for {@link #append(Connection, StoredEvents, List)}. */
    public record Append<E>(String aggregateId, int expectedVersion, List<? extends E> events) {
    }

    /**
     * Appends the events of many aggregates in one JDBC batch, inside the caller's transaction.
     * A concurrent append to any of them violates the primary key and fails the whole batch, so the
     * caller retries from a fresh load, exactly as with the reactive {@link #append}.
     */
    public <E> void append(Connection connection, StoredEvents<E> types, List<Append<E>> appends) throws SQLException {
        Timestamp now = Timestamp.from(clock.instant());
        try (PreparedStatement insert = connection.prepareStatement(APPEND_JDBC)) {
            for (Append<E> append : appends) {
                for (int i = 0; i < append.events().size(); i++) {
                    E event = append.events().get(i);
                    insert.setString(1, types.aggregateType());
                    insert.setString(2, append.aggregateId());
                    insert.setInt(3, append.expectedVersion() + i + 1);
                    insert.setObject(4, UUID.randomUUID());
                    insert.setString(5, types.nameOf(event));
                    insert.setString(6, EventJson.write(event));
                    insert.setTimestamp(7, now);
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }

    /** The aggregate's events in order, read with plain JDBC. */
    public <E> List<E> load(Connection connection, StoredEvents<E> types, String aggregateId) throws SQLException {
        List<E> events = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select event_type, cast(payload as text) from event_store where aggregate_type = ? and aggregate_id = ? "
                        + "order by seq")) {
            select.setString(1, types.aggregateType());
            select.setString(2, aggregateId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(types.read(rows.getString(1), rows.getString(2)));
                }
            }
        }
        return events;
    }

    /** Receives replayed events one at a time, each with the id of the aggregate it belongs to. */
    @FunctionalInterface
    public interface Sink<E> {
        void accept(String aggregateId, E event) throws SQLException;
    }

    /**
     * Hands every event of an aggregate type to {@code sink}, one aggregate after another and each
     * aggregate's in order, so a fold needs only the aggregate at hand. Streams with a cursor in the
     * primary key's order: replaying millions of events holds none of them. Needs a transaction
     * (PostgreSQL streams only with auto-commit off); the sink may write on the same connection.
     *
     * @return how many events it handed over
     */
    public <E> long replay(Connection connection, StoredEvents<E> types, Sink<E> sink) throws SQLException {
        long replayed = 0;
        try (PreparedStatement select = connection.prepareStatement(REPLAY)) {
            select.setFetchSize(REPLAY_FETCH);
            select.setString(1, types.aggregateType());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    sink.accept(rows.getString(1), types.read(rows.getString(2), rows.getString(3)));
                    replayed++;
                }
            }
        }
        return replayed;
    }
}
