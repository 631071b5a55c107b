package dev.tocsin.eventing;

import dev.tocsin.events.EventJson;
import dev.tocsin.events.EventTypes;
import dev.tocsin.events.IntegrationEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Writes integration events into the outbox table inside the caller's transaction, so an event
 * is published if and only if the change that caused it commits. {@link OutboxRelay} sends them.
 */
@ApplicationScoped
public class Outbox {

    /** One row per element of the arrays: one event or a whole batch's, the same statement. */
    private static final String INSERT = """
            insert into outbox (event_id, topic, record_key, ce_type, ce_time, payload)
            select e.event_id, e.topic, e.record_key, e.ce_type, $5, e.payload
            from unnest(cast($1 as uuid[]), cast($2 as text[]), cast($3 as text[]), cast($4 as text[]),
                        cast($6 as text[])) as e(event_id, topic, record_key, ce_type, payload)""";

    private final Clock clock;

    Outbox(Clock clock) {
        this.clock = clock;
    }

    /** Must run inside {@link AfterCommit#transaction}. */
    public Uni<Void> append(IntegrationEvent event) {
        return append(Sql.connection(), List.of(event));
    }

    /**
     * Writes many events in one statement inside the transaction of {@code connection}; the caller
     * wakes {@link OutboxRelay} after its commit.
     */
    public Uni<Void> append(SqlClient connection, List<? extends IntegrationEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery(INSERT)
                .execute(Tuple.from(List.of(Sql.uuids(events, event -> UUID.randomUUID()),
                        Sql.texts(events, event -> EventTypes.of(event).topic()),
                        Sql.texts(events, IntegrationEvent::aggregateId),
                        Sql.texts(events, event -> EventTypes.of(event).ceType()), Sql.at(clock.instant()),
                        Sql.texts(events, EventJson::write))))
                .replaceWithVoid();
    }
}
