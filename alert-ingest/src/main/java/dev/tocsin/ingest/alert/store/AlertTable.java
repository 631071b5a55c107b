package dev.tocsin.ingest.alert.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tocsin.events.alert.Image;
import dev.tocsin.events.alert.Link;
import dev.tocsin.events.alert.Urgency;
import dev.tocsin.ingest.alert.Alert;
import dev.tocsin.ingest.alert.AlertRow;
import dev.tocsin.ingest.alert.Disposition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code alerts} projection over JDBC: the pipeline reads the open alerts of a batch's dedup
 * keys and writes every changed row in one batch statement, in the batch's transaction.
 */
public final class AlertTable {

    static final String COLUMNS = """
            id, dedup_key, service, status, summary, severity, urgency, reason, cast(labels as text) labels,
            cast(annotations as text) annotations, source, count, version, first_seen, last_seen, resolved_at,
            starts_at, generator_url, cast(details as text) details, cast(links as text) links,
            cast(images as text) images, disposition, disposition_reason, suppressed_by, held_until, group_id,
            acknowledged_at, acknowledged_by""";
    private static final String UPSERT = """
            insert into alerts (id, dedup_key, service, status, summary, severity, urgency, reason, labels,
                annotations, source, count, version, first_seen, last_seen, resolved_at, starts_at, generator_url,
                details, links, images, disposition, disposition_reason, suppressed_by, held_until, group_id,
                acknowledged_at, acknowledged_by)
            values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?, ?,
                cast(? as jsonb), cast(? as jsonb), cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?)
            on conflict (id) do update set status = excluded.status, count = excluded.count,
                version = excluded.version, last_seen = excluded.last_seen, resolved_at = excluded.resolved_at,
                disposition = excluded.disposition, disposition_reason = excluded.disposition_reason,
                suppressed_by = excluded.suppressed_by, held_until = excluded.held_until,
                acknowledged_at = excluded.acknowledged_at, acknowledged_by = excluded.acknowledged_by""";
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> OBJECTS = new TypeReference<>() {
    };
    private static final TypeReference<List<Link>> LINKS = new TypeReference<>() {
    };
    private static final TypeReference<List<Image>> IMAGES = new TypeReference<>() {
    };

    private AlertTable() {
    }

    /** The open alert of each of these dedup keys that has one. */
    public static Map<String, AlertRow> findOpen(Connection connection, Collection<String> dedupKeys)
            throws SQLException {
        Map<String, AlertRow> open = new HashMap<>();
        if (dedupKeys.isEmpty()) {
            return open;
        }
        Object keys = dedupKeys.toArray(String[]::new);
        for (AlertRow row : query(connection, "select " + COLUMNS
                + " from alerts where dedup_key = any(?) and status = 'OPEN'", keys)) {
            open.put(row.dedupKey(), row);
        }
        return open;
    }

    public static java.util.Optional<AlertRow> get(Connection connection, String id) throws SQLException {
        return query(connection, "select " + COLUMNS + " from alerts where id = ?", id).stream().findFirst();
    }

    /** Rows for a query whose parameters are bound in order; arrays become text arrays. */
    public static List<AlertRow> query(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object param = params[i];
                if (param instanceof String[] array) {
                    select.setArray(i + 1, connection.createArrayOf("text", array));
                } else if (param instanceof java.time.Instant instant) {
                    select.setTimestamp(i + 1, Json.timestamp(instant));
                } else {
                    select.setObject(i + 1, param);
                }
            }
            List<AlertRow> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(read(result));
                }
            }
            return rows;
        }
    }

    /** Writes each row as it now is: inserted when new, its changing columns updated otherwise. */
    public static void upsert(Connection connection, Collection<AlertRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            for (AlertRow row : rows) {
                int i = 0;
                upsert.setString(++i, row.id());
                upsert.setString(++i, row.dedupKey());
                upsert.setString(++i, row.service());
                upsert.setString(++i, row.status().name());
                upsert.setString(++i, row.summary());
                upsert.setString(++i, row.severity());
                upsert.setString(++i, row.urgency().name());
                upsert.setString(++i, row.reason());
                upsert.setString(++i, Json.write(row.labels()));
                upsert.setString(++i, Json.write(row.annotations()));
                upsert.setString(++i, row.source());
                upsert.setInt(++i, row.count());
                upsert.setInt(++i, row.version());
                upsert.setTimestamp(++i, Json.timestamp(row.firstSeen()));
                upsert.setTimestamp(++i, Json.timestamp(row.lastSeen()));
                upsert.setTimestamp(++i, Json.timestamp(row.resolvedAt()));
                upsert.setTimestamp(++i, Json.timestamp(row.startsAt()));
                upsert.setString(++i, row.generatorUrl());
                upsert.setString(++i, Json.write(row.details()));
                upsert.setString(++i, Json.write(row.links()));
                upsert.setString(++i, Json.write(row.images()));
                upsert.setString(++i, row.disposition().name());
                upsert.setString(++i, row.dispositionReason());
                upsert.setString(++i, row.suppressedBy());
                upsert.setTimestamp(++i, Json.timestamp(row.heldUntil()));
                upsert.setString(++i, row.groupId());
                upsert.setTimestamp(++i, Json.timestamp(row.acknowledgedAt()));
                upsert.setString(++i, row.acknowledgedBy());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    private static AlertRow read(ResultSet r) throws SQLException {
        return new AlertRow(r.getString("id"), r.getString("dedup_key"), r.getString("service"),
                Alert.Status.valueOf(r.getString("status")), r.getString("summary"), r.getString("severity"),
                Urgency.valueOf(r.getString("urgency")), r.getString("reason"), Json.read(r, "labels", STRINGS),
                Json.read(r, "annotations", STRINGS), r.getString("source"), r.getInt("count"), r.getInt("version"),
                Json.instant(r, "first_seen"), Json.instant(r, "last_seen"), Json.instant(r, "resolved_at"),
                Json.instant(r, "starts_at"), r.getString("generator_url"), Json.read(r, "details", OBJECTS),
                Json.read(r, "links", LINKS), Json.read(r, "images", IMAGES),
                Disposition.valueOf(r.getString("disposition")), r.getString("disposition_reason"),
                r.getString("suppressed_by"), Json.instant(r, "held_until"), r.getString("group_id"),
                Json.instant(r, "acknowledged_at"), r.getString("acknowledged_by"));
    }
}
