package dev.tocsin.eventing;

import dev.tocsin.events.EventJson;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Appends and loads aggregates' domain events. The primary key on (type, id, seq) is the
 * optimistic lock: two writers that loaded the same version cannot both append, and the loser's
 * transaction fails and is retried from a fresh load.
 */
@ApplicationScoped
public class EventStore {

    private static final String LOAD = """
            select event_type, cast(payload as text) as payload from event_store
            where aggregate_type = $1 and aggregate_id = $2 order by seq""";
    /** One row per element of the arrays: one event or a whole batch's, the same statement. */
    private static final String APPEND = """
            insert into event_store (aggregate_type, aggregate_id, seq, event_id, event_type, payload, recorded_at)
            select $1, e.aggregate_id, e.seq, e.event_id, e.event_type, cast(e.payload as jsonb), $7
            from unnest(cast($2 as text[]), cast($3 as int[]), cast($4 as uuid[]), cast($5 as text[]),
                        cast($6 as text[])) as e(aggregate_id, seq, event_id, event_type, payload)""";
    /** The events of many aggregates of one type, each aggregate's in order. */
    private static final String LOAD_ALL = """
            select aggregate_id, event_type, cast(payload as text) as payload from event_store
            where aggregate_type = $1 and aggregate_id = any(cast($2 as text[])) order by aggregate_id, seq""";
    private static final String REPLAY = """
            select aggregate_id, event_type, cast(payload as text) from event_store
            where aggregate_type = $1 order by aggregate_id, seq""";
    private static final int REPLAY_FETCH = 1000;

    private final Clock clock;

    EventStore(Clock clock) {
        this.clock = clock;
    }

    /** The aggregate's events in order; its version is the list's size. Runs in the enclosing transaction, if any. */
    public <E> Uni<List<E>> load(StoredEvents<E> types, String aggregateId) {
        return load(Sql.client(), types, aggregateId);
    }

    /** The aggregate's events in order, read on {@code client}. */
    public <E> Uni<List<E>> load(SqlClient client, StoredEvents<E> types, String aggregateId) {
        return client.preparedQuery(LOAD).execute(Tuple.of(types.aggregateType(), aggregateId))
                .map(rows -> {
                    List<E> events = new ArrayList<>(rows.size());
                    rows.forEach(row -> events.add(types.read(row.getString(0), row.getString(1))));
                    return events;
                });
    }

    /**
     * The events of each of {@code aggregateIds} in one statement, each aggregate's in order; an
     * aggregate without events maps to an empty list. Runs in the enclosing transaction, if any.
     */
    public <E> Uni<Map<String, List<E>>> loadAll(StoredEvents<E> types, Collection<String> aggregateIds) {
        return loadAll(Sql.client(), types, aggregateIds);
    }

    /** As {@link #loadAll(StoredEvents, Collection)}, read on {@code client}. */
    public <E> Uni<Map<String, List<E>>> loadAll(SqlClient client, StoredEvents<E> types,
            Collection<String> aggregateIds) {
        Map<String, List<E>> events = new LinkedHashMap<>();
        aggregateIds.forEach(id -> events.put(id, new ArrayList<>()));
        if (events.isEmpty()) {
            return Uni.createFrom().item(events);
        }
        return client.preparedQuery(LOAD_ALL)
                .execute(Tuple.from(List.of(types.aggregateType(), events.keySet().toArray(String[]::new))))
                .map(rows -> {
                    rows.forEach(row -> events.get(row.getString(0))
                            .add(types.read(row.getString(1), row.getString(2))));
                    return events;
                });
    }

    /**
     * Appends events after {@code expectedVersion} events; fails on a concurrent append. Must run
     * inside {@link AfterCommit#transaction}, together with the projection and outbox writes.
     */
    public <E> Uni<Void> append(StoredEvents<E> types, String aggregateId, int expectedVersion, List<? extends E> events) {
        return append(Sql.connection(), types, List.of(new Append<E>(aggregateId, expectedVersion, events)));
    }

    /** Events of one aggregate to append after {@code expectedVersion} events, for {@link #append(SqlClient, StoredEvents, List)}. */
    public record Append<E>(String aggregateId, int expectedVersion, List<? extends E> events) {
    }

    /**
     * Appends the events of many aggregates in one statement, inside the transaction of
     * {@code connection}. A concurrent append to any of them violates the primary key and fails the
     * whole statement, so the caller retries from a fresh load.
     */
    public <E> Uni<Void> append(SqlClient connection, StoredEvents<E> types, List<Append<E>> appends) {
        int size = appends.stream().mapToInt(a -> a.events().size()).sum();
        if (size == 0) {
            return Uni.createFrom().voidItem();
        }
        String[] ids = new String[size];
        Integer[] seqs = new Integer[size];
        UUID[] eventIds = new UUID[size];
        String[] eventTypes = new String[size];
        String[] payloads = new String[size];
        int row = 0;
        for (Append<E> append : appends) {
            for (int i = 0; i < append.events().size(); i++, row++) {
                E event = append.events().get(i);
                ids[row] = append.aggregateId();
                seqs[row] = append.expectedVersion() + i + 1;
                eventIds[row] = UUID.randomUUID();
                eventTypes[row] = types.nameOf(event);
                payloads[row] = EventJson.write(event);
            }
        }
        return connection.preparedQuery(APPEND)
                .execute(Tuple.from(List.of(types.aggregateType(), ids, seqs, eventIds, eventTypes, payloads,
                        Sql.at(clock.instant()))))
                .replaceWithVoid();
    }

    /** An event as {@link #replay} hands it over, with the id of the aggregate it belongs to. */
    public record Replayed<E>(String aggregateId, E event) {
    }

    /**
     * Every event of an aggregate type, one aggregate after another and each aggregate's in order,
     * so a fold needs only the aggregate at hand. Streams with a cursor in the primary key's order,
     * a fetch at a time as the subscriber asks for more: replaying millions of events holds none of
     * them. {@code connection} must be in a transaction (PostgreSQL keeps a cursor only within one);
     * the subscriber may write on the same connection between fetches.
     */
    public <E> Multi<Replayed<E>> replay(SqlConnection connection, StoredEvents<E> types) {
        return Sql.fetches(connection, REPLAY, Tuple.of(types.aggregateType()), REPLAY_FETCH)
                .onItem().<Row>transformToIterable(rows -> rows)
                .map(row -> new Replayed<>(row.getString(0), types.read(row.getString(1), row.getString(2))));
    }
}
