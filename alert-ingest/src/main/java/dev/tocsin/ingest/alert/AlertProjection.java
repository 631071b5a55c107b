package dev.tocsin.ingest.alert;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tocsin.events.EventJson;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The {@code alerts} table: the current state of every alert, written in the same transaction as
 * the events it is derived from, and rebuilt from them by {@link #apply} over a replay. The open
 * row of a dedup key doubles as the aggregate's snapshot, so deciding on a signal reads one row
 * instead of replaying every repeat.
 */
@ApplicationScoped
public class AlertProjection {

    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };
    private static final String VIEW_COLUMNS = """
            id, dedup_key, service, status, summary, severity, urgency, reason, cast(labels as text),
            cast(annotations as text), source, count, first_seen, last_seen, resolved_at""";

    public Uni<Optional<Alert>> findOpen(String dedupKey) {
        return session().chain(s -> s.createNativeQuery(
                        "select id, dedup_key, count, last_seen, version from alerts where dedup_key = :key and status = 'OPEN'",
                        Object[].class)
                .setParameter("key", dedupKey)
                .getResultList())
                .map(rows -> rows.stream().findFirst().map(r -> new Alert((String) r[0], (String) r[1],
                        Alert.Status.OPEN, ((Number) r[2]).intValue(), instant(r[3]), ((Number) r[4]).intValue())));
    }

    public Uni<Void> apply(AlertChange event) {
        if (event instanceof AlertChange.Opened o) {
            return update("""
                    insert into alerts (id, dedup_key, service, status, summary, severity, urgency, reason, labels,
                        annotations, source, count, version, first_seen, last_seen)
                    values (:id, :key, :service, 'OPEN', :summary, :severity, :urgency, :reason,
                        cast(cast(:labels as text) as jsonb), cast(cast(:annotations as text) as jsonb), :source, 1, 1, :at, :at)""",
                    Map.of("id", o.alertId(), "key", o.dedupKey(), "service", o.service(), "summary", o.summary(),
                            "severity", o.severity() == null ? "" : o.severity(), "urgency", o.urgency().name(),
                            "reason", o.reason(), "labels", EventJson.write(o.labels()),
                            "annotations", EventJson.write(o.annotations()), "source", o.source()), o.at());
        }
        if (event instanceof AlertChange.Repeated r) {
            return update("update alerts set count = count + 1, version = version + 1, last_seen = :at where id = :id",
                    Map.of("id", r.alertId()), r.at());
        }
        AlertChange.Closed c = (AlertChange.Closed) event;
        return update("""
                update alerts set status = 'RESOLVED', version = version + 1, last_seen = :at, resolved_at = :at
                where id = :id""", Map.of("id", c.alertId()), c.at());
    }

    public Uni<Void> truncate() {
        return session().chain(s -> s.createNativeQuery("delete from alerts").executeUpdate()).replaceWithVoid();
    }

    public Uni<List<AlertView>> list(String service, String status, int limit) {
        return session().chain(s -> s.createNativeQuery("select " + VIEW_COLUMNS + " " + """
                         from alerts where (cast(:service as text) is null or service = :service)
                         and (cast(:status as text) is null or status = :status)
                         order by last_seen desc, id limit :limit""", Object[].class)
                .setParameter("service", service)
                .setParameter("status", status)
                .setParameter("limit", limit)
                .getResultList())
                .map(rows -> rows.stream().map(AlertProjection::toView).toList());
    }

    public Uni<Optional<AlertView>> get(String id) {
        return session().chain(s -> s.createNativeQuery("select " + VIEW_COLUMNS + " from alerts where id = :id",
                        Object[].class)
                .setParameter("id", id)
                .getResultList())
                .map(rows -> rows.stream().findFirst().map(AlertProjection::toView));
    }

    private Uni<Void> update(String sql, Map<String, String> params, Instant at) {
        return session().chain(s -> {
            var query = s.createNativeQuery(sql).setParameter("at", at);
            params.forEach(query::setParameter);
            return query.executeUpdate();
        }).replaceWithVoid();
    }

    private static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }

    private static AlertView toView(Object[] r) {
        return new AlertView((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                emptyToNull((String) r[5]), (String) r[6], (String) r[7], map((String) r[8]),
                map((String) r[9]), (String) r[10], ((Number) r[11]).intValue(), instant(r[12]),
                instant(r[13]), instant(r[14]));
    }

    private static Map<String, String> map(String json) {
        try {
            return EventJson.MAPPER.readValue(json, MAP);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable label map in alerts: " + json, e);
        }
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof OffsetDateTime odt ? odt.toInstant() : (Instant) value;
    }
}
