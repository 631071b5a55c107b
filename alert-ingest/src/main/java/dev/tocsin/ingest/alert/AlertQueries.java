package dev.tocsin.ingest.alert;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tocsin.events.EventJson;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the {@code alerts} projection. Every method runs in the caller's session. */
@ApplicationScoped
public class AlertQueries {

    static final String COLUMNS = """
            id, dedup_key, service, status, summary, severity, urgency, reason, cast(labels as text),
            cast(annotations as text), source, count, version, first_seen, last_seen, resolved_at""";
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };

    /** The open alert of a dedup key; the partial unique index guarantees there is at most one. */
    public Uni<Optional<AlertRow>> findOpen(String dedupKey) {
        return rows("select " + COLUMNS + " from alerts where dedup_key = :key and status = 'OPEN'",
                Map.of("key", dedupKey), Integer.MAX_VALUE).map(rows -> rows.stream().findFirst());
    }

    public Uni<Optional<AlertRow>> get(String id) {
        return rows("select " + COLUMNS + " from alerts where id = :id", Map.of("id", id), 1)
                .map(rows -> rows.stream().findFirst());
    }

    /** Newest first; {@code service} and {@code status} filter when not null. */
    public Uni<List<AlertRow>> list(String service, Alert.Status status, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from alerts where true");
        Map<String, Object> params = new HashMap<>();
        if (service != null) {
            sql.append(" and service = :service");
            params.put("service", service);
        }
        if (status != null) {
            sql.append(" and status = :status");
            params.put("status", status.name());
        }
        sql.append(" order by first_seen desc, id");
        return rows(sql.toString(), params, limit);
    }

    private static Uni<List<AlertRow>> rows(String sql, Map<String, ?> params, int limit) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class).setMaxResults(limit);
            params.forEach(query::setParameter);
            return query.getResultList();
        }).map(rows -> rows.stream().map(AlertQueries::toRow).toList());
    }

    private static AlertRow toRow(Object[] r) {
        return new AlertRow((String) r[0], (String) r[1], (String) r[2], Alert.Status.valueOf((String) r[3]),
                (String) r[4], (String) r[5], (String) r[6], (String) r[7], map((String) r[8]), map((String) r[9]),
                (String) r[10], ((Number) r[11]).intValue(), ((Number) r[12]).intValue(), instant(r[13]),
                instant(r[14]), instant(r[15]));
    }

    private static Map<String, String> map(String json) {
        try {
            return EventJson.MAPPER.readValue(json, MAP);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable label map in alerts: " + json, e);
        }
    }

    private static Instant instant(Object value) {
        return value == null ? null : value instanceof OffsetDateTime odt ? odt.toInstant() : (Instant) value;
    }
}
