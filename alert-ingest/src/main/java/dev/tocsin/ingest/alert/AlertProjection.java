package dev.tocsin.ingest.alert;

import dev.tocsin.events.EventJson;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertClosed;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertOpened;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertRepeated;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the {@code alerts} table equal to the Alert events: written in the same transaction as the
 * events and their outbox rows, and rebuildable from the events alone.
 */
@ApplicationScoped
public class AlertProjection {

    /** What a rebuild wrote: {@code alerts} rows from {@code events} stored events. */
    public record Rebuilt(int alerts, long events) {
    }

    private static final String INSERT = """
            insert into alerts (id, dedup_key, service, status, summary, severity, urgency, reason, labels, annotations,
                source, count, version, first_seen, last_seen, resolved_at)
            values (:id, :key, :service, :status, :summary, cast(:severity as text), :urgency, :reason,
                cast(cast(:labels as text) as jsonb), cast(cast(:annotations as text) as jsonb), :source, :count,
                :version, :firstSeen, :lastSeen, cast(:resolvedAt as timestamptz))""";
    private static final String REPEAT = """
            update alerts set count = :count, last_seen = :at, version = version + 1
            where id = :id and status = 'OPEN'""";
    private static final String CLOSE = """
            update alerts set status = 'RESOLVED', last_seen = :at, resolved_at = :at, version = version + 1
            where id = :id and status = 'OPEN'""";

    private final AlertStore store;

    AlertProjection(AlertStore store) {
        this.store = store;
    }

    /** Writes one new event; must run in the transaction that appended it. */
    public Uni<Void> apply(AlertDomainEvent event) {
        if (event instanceof AlertOpened opened) {
            return insert(AlertRow.apply(null, opened));
        }
        if (event instanceof AlertRepeated e) {
            return update(REPEAT, Map.of("id", e.alertId(), "count", e.count(), "at", e.lastSeen()));
        }
        AlertClosed e = (AlertClosed) event;
        return update(CLOSE, Map.of("id", e.alertId(), "at", e.closedAt()));
    }

    /**
     * Drops every row and writes the table again from the stored events, in one transaction. The
     * table lock holds the pipeline back meanwhile: a signal decided during the rebuild would
     * otherwise update a row the rebuild has just deleted.
     */
    public Uni<Rebuilt> rebuild() {
        return Panache.withTransaction(() -> execute("lock table alerts in access exclusive mode", Map.of())
                .chain(() -> execute("delete from alerts", Map.of()))
                .chain(() -> store.replay().collect().asList())
                .chain(events -> {
                    Map<String, AlertRow> rows = new LinkedHashMap<>();
                    events.forEach(event -> rows.compute(event.alertId(), (id, row) -> AlertRow.apply(row, event)));
                    Uni<Void> writes = Uni.createFrom().voidItem();
                    for (AlertRow row : rows.values()) {
                        writes = writes.chain(() -> insert(row));
                    }
                    return writes.replaceWith(new Rebuilt(rows.size(), events.size()));
                }));
    }

    private Uni<Void> insert(AlertRow row) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("id", row.id());
        params.put("key", row.dedupKey());
        params.put("service", row.service());
        params.put("status", row.status().name());
        params.put("summary", row.summary());
        params.put("severity", row.severity());
        params.put("urgency", row.urgency());
        params.put("reason", row.reason());
        params.put("labels", EventJson.write(row.labels()));
        params.put("annotations", EventJson.write(row.annotations()));
        params.put("source", row.source());
        params.put("count", row.count());
        params.put("version", row.version());
        params.put("firstSeen", row.firstSeen());
        params.put("lastSeen", row.lastSeen());
        params.put("resolvedAt", row.resolvedAt());
        return execute(INSERT, params).replaceWithVoid();
    }

    private static Uni<Void> update(String sql, Map<String, Object> params) {
        return execute(sql, params).invoke(updated -> {
            if (updated != 1) {
                // The row is not as the events say: fail the transaction so nothing half-written commits.
                throw new IllegalStateException("alert " + params.get("id") + " is not open in the projection");
            }
        }).replaceWithVoid();
    }

    private static Uni<Integer> execute(String sql, Map<String, Object> params) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql);
            params.forEach(query::setParameter);
            return query.executeUpdate();
        });
    }
}
